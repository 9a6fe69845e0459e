//! A school's report as its templates receive it: the assessment and rubric flattened into
//! one JSON file (`data.json`), filtered for the audience, with every sentence, heading,
//! lead-in, label and caption the report prints already written. The Typst and HTML
//! templates only lay this out, so the PDF and the web page say the same.
//!
//! This is the one place that decides what each audience may see. The family-facing
//! audiences (parents, SEN information report) get no participant names, no notes or
//! actions, no checklist evidence, no action plan columns but the target and its dates, and a
//! strand's evidence only where the assessment marks it `public`; so a custom template cannot
//! leak them, and with PDF/A it is this filtered data, not the assessment, that is attached.
//! They also get the rubric's plain-English wording for families (`family` on the data, each
//! outcome, strand and duty), with the rubric's own words where it has none; the governors'
//! data has no `family` at all.
//!
//! By subject: [`text`] (each audience's vocabulary and the shapes sentences come in),
//! [`people`] (who took part), [`checklist`] (the statutory duties), [`strands`] (outcomes,
//! strands, charts, strengths and priorities), [`plan`] (the action plan and key dates),
//! [`progress`] (since the previous review), and one module per audience's own sentences:
//! [`governors`], [`parents`], [`sen_info`] (with [`family`], what the two family documents
//! share).

mod checklist;
mod family;
mod governors;
mod parents;
mod people;
mod plan;
mod progress;
mod sen_info;
mod strands;
mod text;

use sendbench_core::{Assessment, Completeness, Profile, Rubric};
use serde::Serialize;

use super::Audience;
use text::Vocabulary;

/// The name data is read by in every template.
pub(crate) const ATTACHMENT_KEY: &str = "attachment";

/// What a school's report shows, filtered for its audience, and every sentence it prints.
#[derive(Serialize)]
pub struct ReportData {
    audience: &'static str,
    /// The document's title (PDF metadata, the page's `<title>`).
    title: String,
    /// What only one format prints: the PDF's running header and page numbers, the web
    /// page's credit line and the captions of its tables.
    furniture: Furniture,
    /// The cover: the rubric, the school, what the document is.
    cover: Cover,
    /// The draft mark and what it means; `None` when the review is complete.
    draft: Option<Draft>,
    /// "Review completed 19 June 2026", "academic year 2025/26", "URN 117234", the area:
    /// printed one after another with a separator.
    review_line: Vec<String>,
    rubric: RubricData,
    school: SchoolData,
    review: ReviewData,
    participants: Vec<people::RoleData>,
    /// The heading and words over who took part.
    took_part: people::TookPart,
    checklist: Vec<checklist::DutyData>,
    checklist_tally: checklist::Tally,
    outcomes: Vec<strands::OutcomeData>,
    /// The words of the profile charts: their key and the table of their figures.
    chart: strands::ChartText,
    strengths: Vec<strands::StrandData>,
    priorities: Vec<strands::StrandData>,
    action_plan: Vec<plan::ActionData>,
    not_judged: usize,
    strand_count: usize,
    /// How far the review has got.
    completeness: CompletenessData,
    /// The dates the school set itself (e.g. when it will finish the review), in date order.
    key_dates: plan::KeyDates,
    /// With PDF/A-3: the file served for the template to attach, and what it is (set by
    /// the PDF renderer).
    attachment: Option<AttachmentData>,
    /// With a comparison: what the school is compared with.
    compared_with: Option<String>,
    /// Family audiences only: the rubric's plain-English wording they share.
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<family::FamilyData>,
    /// Progress since the school's last review, as its audience may see it.
    progress: Option<progress::ProgressData>,
    /// The governors' report's own sentences.
    #[serde(skip_serializing_if = "Option::is_none")]
    governors: Option<governors::GovernorsText>,
    /// The parents' summary's own sentences.
    #[serde(skip_serializing_if = "Option::is_none")]
    parents: Option<parents::ParentsText>,
    /// The SEN information summary's own sentences.
    #[serde(skip_serializing_if = "Option::is_none")]
    sen_info: Option<sen_info::SenInfoText>,
}

/// What only one format prints, named so that a reader of both (and the test comparing
/// them) can tell it from what the document says.
#[derive(Serialize)]
struct Furniture {
    /// The PDF's running header: the draft mark (on every page of a draft; in the family
    /// documents' clear print a short one, as the full one would not fit on a line), then
    /// the school's name and the rubric's short title (from page 2).
    header: RunningHeader,
    /// The PDF's page number, with `{page}` and `{pages}` to fill in.
    page: String,
    /// The web page's credit line, at its foot.
    credit: String,
    /// Everything only the web page prints: the credit line and the captions of its
    /// tables that the PDF lays out under a heading of its own.
    web_only: Vec<String>,
}

#[derive(Serialize)]
struct RunningHeader {
    draft: Option<String>,
    name: String,
    title: String,
}

/// The cover block.
#[derive(Serialize)]
struct Cover {
    /// Over the school's name: the rubric's title.
    kicker: String,
    /// The school's name.
    name: String,
    /// What the document is.
    subtitle: &'static str,
}

/// The draft mark: in words, on the cover and on every page.
#[derive(Serialize)]
struct Draft {
    /// "Draft: 8 of 34 strands not yet judged and 4 of 9 statutory duties not yet
    /// answered", in the audience's words.
    mark: String,
    /// What it means, after the mark on the cover.
    notice: String,
}

#[derive(Serialize)]
struct CompletenessData {
    complete: bool,
    /// The draft mark; `None` when complete.
    draft: Option<String>,
    strands_not_judged: usize,
    strands: usize,
    duties_unanswered: usize,
    duties: usize,
}

/// A file attached to the PDF (PDF/A-3 allows attachments).
#[derive(Serialize, Clone)]
pub struct AttachmentData {
    /// Its name in the virtual project and in the PDF.
    pub name: &'static str,
    /// Its media type.
    pub mime: &'static str,
    /// How it relates to the PDF (PDF/A-3's AFRelationship, as Typst names it).
    pub relationship: &'static str,
    /// What it is, shown by PDF readers.
    pub description: &'static str,
}

impl AttachmentData {
    /// What a report carries with PDF/A: the governors' report the whole assessment it was
    /// made from; a family-facing (`private`) one only its own (filtered) data.
    pub fn of(private: bool) -> AttachmentData {
        if private {
            AttachmentData {
                name: "data.json",
                mime: "application/json",
                relationship: "data",
                description: "The data this summary was made from (no names, only public evidence)",
            }
        } else {
            AttachmentData {
                name: "assessment.toml",
                mime: "application/toml",
                relationship: "source",
                description: "The assessment this report was made from (sendbench TOML)",
            }
        }
    }
}

#[derive(Serialize)]
struct RubricData {
    id: String,
    version: String,
    title: String,
    short_title: String,
    levels: Vec<String>,
    strength_from: usize,
    checklist_heading: String,
    checklist_subheading: String,
    evidence_heading: String,
    action_plan_heading: String,
    action_plan_columns: Vec<String>,
    /// For each action plan column, whether it holds dates (narrow columns).
    action_plan_dates: Vec<bool>,
}

impl RubricData {
    fn new(rubric: &Rubric) -> RubricData {
        let columns = &rubric.action_plan.columns;
        RubricData {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            title: rubric.title.clone(),
            short_title: rubric.short_title.clone(),
            levels: rubric.levels.iter().map(|l| l.name.clone()).collect(),
            strength_from: rubric.strength_from,
            checklist_heading: rubric.checklist.heading.clone(),
            checklist_subheading: rubric.checklist.subheading.clone(),
            evidence_heading: rubric.guidance.evidence_heading.clone(),
            action_plan_heading: rubric.action_plan.heading.clone(),
            action_plan_columns: columns.iter().map(|c| c.heading.clone()).collect(),
            action_plan_dates: columns
                .iter()
                .map(|c| c.kind == sendbench_core::ColumnKind::Date)
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct SchoolData {
    name: String,
    urn: Option<String>,
    area: Option<String>,
}

impl SchoolData {
    fn new(a: &Assessment) -> SchoolData {
        SchoolData {
            name: a.school.name.clone(),
            urn: a.school.urn.clone(),
            area: a.school.area.clone(),
        }
    }
}

#[derive(Serialize)]
struct ReviewData {
    academic_year: Option<String>,
    date: Option<String>,
}

impl ReviewData {
    fn new(a: &Assessment) -> ReviewData {
        ReviewData {
            academic_year: a.review.academic_year.map(|y| y.to_string()),
            date: a.review.date.map(long_date),
        }
    }
}

impl CompletenessData {
    fn new(c: &Completeness, draft: Option<String>) -> CompletenessData {
        CompletenessData {
            complete: c.is_complete(),
            draft,
            strands_not_judged: c.strands_not_judged,
            strands: c.strands,
            duties_unanswered: c.duties_unanswered,
            duties: c.duties,
        }
    }
}

/// Long-form British date: 12 June 2026.
pub fn long_date(date: jiff::civil::Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// The review a report is made of, and what every part of the view needs to know of it.
struct Review<'a> {
    rubric: &'a Rubric,
    a: &'a Assessment,
    audience: Audience,
    /// Whether the audience is families or the public (no names, no private evidence).
    private: bool,
    /// The audience's words.
    words: Vocabulary,
    profile: Profile,
    completeness: Completeness,
}

impl<'a> Review<'a> {
    fn new(rubric: &'a Rubric, a: &'a Assessment, audience: Audience) -> Review<'a> {
        let profile = a.profile(rubric);
        let completeness = profile.completeness();
        Review {
            rubric,
            a,
            audience,
            private: audience.is_private(),
            words: Vocabulary::of(audience),
            profile,
            completeness,
        }
    }

    /// Whether the rubric has any plain-English wording of outcomes, strands or duties for
    /// families.
    fn has_plain(&self) -> bool {
        self.strands_plain()
            || self
                .rubric
                .checklist
                .items
                .iter()
                .any(|d| d.plain.is_some())
    }

    /// Whether the rubric has any plain-English wording of outcomes or strands.
    fn strands_plain(&self) -> bool {
        self.rubric.outcomes.iter().any(|o| {
            o.plain.is_some()
                || o.strands
                    .iter()
                    .any(|s| s.plain.is_some() || s.plain_levels.iter().any(Option::is_some))
        })
    }

    /// The name of the level strengths start from ("Expected").
    fn strength_level(&self) -> &'a str {
        &self.rubric.levels[self.rubric.strength_from].name
    }

    /// The draft mark in the audience's words; `None` when the review is complete.
    fn draft_mark(&self) -> Option<String> {
        let (c, w) = (&self.completeness, &self.words);
        let strands = (c.strands_not_judged > 0).then(|| {
            format!(
                "{} of {} not yet judged",
                c.strands_not_judged,
                w.strands(c.strands)
            )
        });
        let duties = (c.duties_unanswered > 0).then(|| {
            format!(
                "{} of {} not yet {}",
                c.duties_unanswered,
                w.duties(c.duties),
                w.duty_done
            )
        });
        match (strands, duties) {
            (None, None) => None,
            (Some(s), None) => Some(format!("Draft: {s}")),
            (None, Some(d)) => Some(format!("Draft: {d}")),
            (Some(s), Some(d)) => Some(format!("Draft: {s} and {d}")),
        }
    }

    /// What is left, in a clause: "8 of 34 strands are not yet judged and 4 of 9 statutory
    /// duties are not yet answered"; `None` when the review is complete.
    fn unfinished(&self) -> Option<String> {
        let (c, w) = (&self.completeness, &self.words);
        let mut left = Vec::new();
        if c.strands_not_judged > 0 {
            left.push(format!(
                "{} of {} {} not yet judged",
                c.strands_not_judged,
                w.strands(c.strands),
                text::is_are(c.strands_not_judged)
            ));
        }
        if c.duties_unanswered > 0 {
            left.push(format!(
                "{} of {} {} not yet {}",
                c.duties_unanswered,
                w.duties(c.duties),
                text::is_are(c.duties_unanswered),
                w.duty_done
            ));
        }
        (!left.is_empty()).then(|| left.join(" and "))
    }

    /// "Review completed 19 June 2026", the academic year, the URN, the area.
    fn review_line(&self) -> Vec<String> {
        let a = self.a;
        let complete = self.completeness.is_complete();
        let mut parts = Vec::new();
        match (a.review.date, complete) {
            (Some(d), true) => parts.push(format!("Review completed {}", long_date(d))),
            (Some(d), false) => {
                parts.push(format!("Review in progress, last updated {}", long_date(d)))
            }
            (None, false) => parts.push("Review in progress".to_owned()),
            (None, true) => {}
        }
        if let Some(y) = a.review.academic_year {
            parts.push(format!("academic year {y}"));
        }
        if let Some(urn) = &a.school.urn {
            parts.push(format!("URN {urn}"));
        }
        if let Some(area) = &a.school.area {
            parts.push(area.clone());
        }
        parts
    }

    /// The document's title: the school, what the document is, the year.
    fn title(&self) -> String {
        let year = self
            .a
            .review
            .academic_year
            .map(|y| format!(", {y}"))
            .unwrap_or_default();
        format!(
            "{}: {}{year}",
            self.a.school.name,
            self.audience.document_title()
        )
    }

    fn subtitle(&self) -> &'static str {
        match self.audience {
            Audience::Governors => "SEND benchmark: full report for governors",
            Audience::Parents => "What our SEND review found: a summary for families",
            Audience::SenInfo => "Summary for our SEN information report",
        }
    }
}

impl ReportData {
    /// The report of `a` for `audience`, beside the area's figures and the progress since
    /// the previous review, where given.
    pub fn new(
        rubric: &Rubric,
        a: &Assessment,
        audience: Audience,
        area: Option<&sendbench_core::YearBenchmark>,
        area_counts_another_version: bool,
        progress: Option<&sendbench_core::Progress>,
    ) -> ReportData {
        let r = Review::new(rubric, a, audience);
        let beside = strands::AreaBeside::new(area, a, area_counts_another_version);
        let outcomes = strands::Outcomes::new(&r, &beside, progress);
        let participants = people::roles(&r);
        let took_part = people::TookPart::new(&r, &participants);
        let (checklist, checklist_tally) = checklist::duties(&r);
        let action_plan = plan::actions(&r);
        let key_dates = plan::KeyDates::new(a);
        let progress = progress.map(|p| progress::ProgressData::new(p, &r));
        let chart = strands::ChartText::new(&r);
        let parts = Parts {
            outcomes: &outcomes,
            checklist: &checklist,
            tally: &checklist_tally,
            action_plan: &action_plan,
            key_dates: &key_dates,
            progress: progress.as_ref(),
            compared_with: beside.compared_with(),
        };
        let sections = Sections::new(&r, &parts);
        let draft = r.draft_mark();
        ReportData {
            audience: audience.id(),
            title: r.title(),
            furniture: Furniture::new(&r, draft.clone(), &took_part, &chart, &sections),
            cover: Cover {
                kicker: rubric.title.clone(),
                name: a.school.name.clone(),
                subtitle: r.subtitle(),
            },
            draft: draft.clone().map(|mark| Draft::new(mark, &key_dates)),
            review_line: r.review_line(),
            rubric: RubricData::new(rubric),
            school: SchoolData::new(a),
            review: ReviewData::new(a),
            participants,
            took_part,
            checklist,
            checklist_tally,
            chart,
            not_judged: outcomes.not_judged,
            strand_count: rubric.strands().count(),
            strengths: outcomes.strengths,
            priorities: outcomes.priorities,
            outcomes: outcomes.outcomes,
            action_plan,
            completeness: CompletenessData::new(&r.completeness, draft),
            key_dates,
            // Set by the PDF renderer when it attaches the data (PDF/A-3).
            attachment: None,
            compared_with: beside.compared_with(),
            family: r.private.then(|| family::FamilyData::new(&r)),
            progress,
            governors: sections.governors,
            parents: sections.parents,
            sen_info: sections.sen_info,
        }
    }
}

/// What the audience sections are made from: the parts of the view built first.
struct Parts<'p> {
    outcomes: &'p strands::Outcomes,
    checklist: &'p [checklist::DutyData],
    tally: &'p checklist::Tally,
    action_plan: &'p [plan::ActionData],
    key_dates: &'p plan::KeyDates,
    progress: Option<&'p progress::ProgressData>,
    compared_with: Option<String>,
}

/// The audience's own sentences: one of the three is set.
struct Sections {
    governors: Option<governors::GovernorsText>,
    parents: Option<parents::ParentsText>,
    sen_info: Option<sen_info::SenInfoText>,
}

impl Sections {
    fn new(r: &Review<'_>, parts: &Parts<'_>) -> Sections {
        Sections {
            governors: (r.audience == Audience::Governors)
                .then(|| governors::GovernorsText::new(r, parts)),
            parents: (r.audience == Audience::Parents).then(|| parents::ParentsText::new(r, parts)),
            sen_info: (r.audience == Audience::SenInfo)
                .then(|| sen_info::SenInfoText::new(r, parts)),
        }
    }

    /// The captions of tables that the PDF sets under a heading of their own instead.
    fn page_only_captions(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(g) = &self.governors {
            out.push(g.checklist.table.caption.clone());
        }
        if let Some(p) = &self.parents {
            out.extend(p.plan.as_ref().map(|plan| plan.table.caption.clone()));
        }
        if let Some(s) = &self.sen_info {
            out.push(s.checklist.table.caption.clone());
        }
        out
    }
}

impl Furniture {
    fn new(
        r: &Review<'_>,
        draft: Option<String>,
        took_part: &people::TookPart,
        chart: &strands::ChartText,
        sections: &Sections,
    ) -> Furniture {
        let credit = format!(
            "Made with sendbench from the school's self-review against the {} (version {}).",
            r.rubric.title, r.rubric.version
        );
        let mut web_only = vec![credit.clone(), chart.figures.caption.clone()];
        web_only.extend(took_part.table.as_ref().map(|t| t.caption.clone()));
        web_only.extend(sections.page_only_captions());
        Furniture {
            header: RunningHeader {
                // Clear print's header has room for a short mark only: the cover says what
                // is left.
                draft: draft.map(|mark| {
                    if r.private {
                        "Draft: this review is not finished yet".to_owned()
                    } else {
                        mark
                    }
                }),
                name: r.a.school.name.clone(),
                title: r.rubric.short_title.clone(),
            },
            page: "Page {page} of {pages}".to_owned(),
            credit,
            web_only,
        }
    }
}

impl Draft {
    fn new(mark: String, key_dates: &plan::KeyDates) -> Draft {
        let more = if key_dates.items.is_empty() {
            ""
        } else {
            " Key dates are listed below."
        };
        Draft {
            mark,
            notice: format!(
                "This review is not finished yet, so this is not the school's final view.{more}"
            ),
        }
    }
}
