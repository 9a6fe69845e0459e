//! The earlier interface (`pdf::Engine`, `html::Pages`) over views and renderers, kept while
//! its callers move to [`crate::view`] and [`crate::render`]; to be removed.

/// PDF reports, as before.
pub mod pdf {
    pub use crate::render::pdf::{
        Fonts, PdfError as ReportError, PdfOptions as ReportOptions, PdfRenderer,
        DEFAULT_MAX_PAGES, DEFAULT_TIME_LIMIT, TEMPLATES,
    };
    use crate::view::View;
    pub use crate::view::{AreaReport, Audience, Beside, County, CountyReport, LocalArea};
    use sendbench_core::{AreaBenchmark, Assessment, Rubric};

    /// Makes PDF reports (the earlier name of [`PdfRenderer`]'s work).
    pub struct Engine(PdfRenderer);

    fn no_year(e: crate::view::ViewError) -> ReportError {
        ReportError::Pdf(vec![e.to_string()])
    }

    impl Engine {
        /// See [`PdfRenderer::new`].
        pub fn new(options: &ReportOptions) -> Result<Engine, ReportError> {
            PdfRenderer::new(options).map(Engine)
        }

        /// The templates in use, by virtual path.
        pub fn templates(&self) -> Vec<(String, String)> {
            use crate::render::Renderer;
            self.0
                .templates()
                .iter()
                .map(|(n, t)| (format!("/{n}"), t.clone()))
                .collect()
        }

        /// See [`PdfRenderer::files`].
        pub fn files(
            &self,
            rubric: &Rubric,
            assessment: &Assessment,
            audience: Audience,
        ) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
            let view = View::school(rubric, assessment, audience, &Beside::default());
            self.0.files(&view)
        }

        /// A school's report.
        pub fn report(
            &self,
            rubric: &Rubric,
            assessment: &Assessment,
            audience: Audience,
        ) -> Result<Vec<u8>, ReportError> {
            self.report_beside(rubric, assessment, audience, &Beside::default())
        }

        /// A school's report beside the area's figures and its previous review.
        pub fn report_beside(
            &self,
            rubric: &Rubric,
            assessment: &Assessment,
            audience: Audience,
            beside: &Beside<'_>,
        ) -> Result<Vec<u8>, ReportError> {
            self.0
                .pdf(&View::school(rubric, assessment, audience, beside))
        }

        /// An area's report.
        pub fn area_report_with(
            &self,
            rubric: &Rubric,
            bench: &AreaBenchmark,
            report: &AreaReport<'_>,
        ) -> Result<Vec<u8>, ReportError> {
            self.0
                .pdf(&View::area(rubric, bench, report).map_err(no_year)?)
        }

        /// A county's overview.
        pub fn county_report(
            &self,
            rubric: &Rubric,
            county: &AreaBenchmark,
            areas: &[LocalArea<'_>],
            report: &CountyReport<'_>,
        ) -> Result<Vec<u8>, ReportError> {
            self.0
                .pdf(&View::county(rubric, county, areas, report).map_err(no_year)?)
        }

        /// See [`PdfRenderer::free_caches`].
        pub fn free_caches() {
            PdfRenderer::free_caches();
        }
    }
}

/// Web pages, as before.
pub mod html {
    pub use crate::render::html::{Form, HtmlRenderer, TEMPLATES};
    use crate::render::html::{HtmlError, HtmlOptions};
    use crate::view::{AreaReport, Audience, Beside, CountyReport, LocalArea, View};
    use sendbench_core::{AreaBenchmark, Assessment, Rubric};

    use super::pdf::{ReportError, ReportOptions};

    /// Makes web pages (the earlier name of [`HtmlRenderer`]'s work).
    pub struct Pages {
        page: HtmlRenderer,
        fragment: HtmlRenderer,
    }

    fn error(e: HtmlError) -> ReportError {
        match e {
            HtmlError::Read(r) => ReportError::Read(r),
            HtmlError::Template(t) => ReportError::Template(t),
            HtmlError::Limit { what, hint } => ReportError::Limit { what, hint },
        }
    }

    impl Pages {
        /// See [`HtmlRenderer::new`].
        pub fn new(options: &ReportOptions) -> Result<Pages, ReportError> {
            let html = |form| HtmlOptions {
                templates: options.templates.clone(),
                form,
                time_limit: options.time_limit,
                sandbox: options.sandbox.clone(),
            };
            Ok(Pages {
                page: HtmlRenderer::new(&html(Form::Page)).map_err(error)?,
                fragment: HtmlRenderer::new(&html(Form::Fragment)).map_err(error)?,
            })
        }

        /// The templates in use.
        pub fn templates(&self) -> &[(String, String)] {
            use crate::render::Renderer;
            self.page.templates()
        }

        fn of(&self, form: Form) -> &HtmlRenderer {
            match form {
                Form::Page => &self.page,
                Form::Fragment => &self.fragment,
            }
        }

        /// A school's report as a page.
        pub fn report(
            &self,
            rubric: &Rubric,
            assessment: &Assessment,
            audience: Audience,
            beside: &Beside<'_>,
            form: Form,
        ) -> Result<String, ReportError> {
            let view = View::school(rubric, assessment, audience, beside);
            self.of(form).page(&view).map_err(error)
        }

        /// An area's report as a page.
        pub fn area(
            &self,
            rubric: &Rubric,
            bench: &AreaBenchmark,
            report: &AreaReport<'_>,
            form: Form,
        ) -> Result<String, ReportError> {
            let view = View::area(rubric, bench, report)
                .map_err(|e| ReportError::Pdf(vec![e.to_string()]))?;
            self.of(form).page(&view).map_err(error)
        }

        /// A county's overview as a page.
        pub fn county(
            &self,
            rubric: &Rubric,
            county: &AreaBenchmark,
            areas: &[LocalArea<'_>],
            report: &CountyReport<'_>,
            form: Form,
        ) -> Result<String, ReportError> {
            let view = View::county(rubric, county, areas, report)
                .map_err(|e| ReportError::Pdf(vec![e.to_string()]))?;
            self.of(form).page(&view).map_err(error)
        }
    }
}
