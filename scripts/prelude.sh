# Sourced (not run) by the benchmark scripts that build sendbench and work in a temporary
# folder, after `cd` to the repository: `bin` is the binary the caller was given or, when
# it is empty or unset, a release build made now; `work` is a new temporary folder,
# removed when the script ends however it ends.
if [ -z "${bin:-}" ]; then
    cargo build --release --quiet
    bin=$PWD/target/release/sendbench
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
