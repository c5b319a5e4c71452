//! The kernel-4 schema files compiled into the binary (`schemas/kernel-4/` of the repository),
//! served to libxml2 under a private URI scheme so that no disk or network access is needed.

/// The schema's main file, relative to the embedded root.
pub(crate) const ROOT: &str = "metadata.xsd";

/// Every embedded file: its path relative to `schemas/kernel-4/`, and its text.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("metadata.xsd", include_str!("../../../schemas/kernel-4/metadata.xsd")),
    ("include/types.xsd", include_str!("../../../schemas/kernel-4/include/types.xsd")),
    ("include/controlled-lists.xsd", include_str!("../../../schemas/kernel-4/include/controlled-lists.xsd")),
    ("include/xml.xsd", include_str!("../../../schemas/kernel-4/include/xml.xsd")),
];

/// The text of the embedded file at `path` (`include/types.xsd`), if there is one.
pub(crate) fn file(path: &str) -> Option<&'static str> {
    FILES.iter().find(|(name, _)| *name == path).map(|(_, text)| *text)
}
