//! Values between Rust and Python: JSON text through Python's own `json` module (the REST shapes
//! are JSON already, and its C parser is faster than building the objects one by one here), and
//! diagnostics into their Python class.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

use crate::Diagnostic;

static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The Python value of a JSON text (dicts, lists, str, int, float, bool, None).
pub fn from_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    LOADS.import(py, "json", "loads")?.call1((text,))
}

/// The JSON text of a Python value, as UTF-8 bytes.
pub fn to_json_bytes(value: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    let py = value.py();
    let text = DUMPS.import(py, "json", "dumps")?.call1((value,))?;
    Ok(text.cast::<PyString>()?.to_cow()?.as_bytes().to_vec())
}

/// Rust diagnostics as Python ones.
pub fn diagnostics_list(diagnostics: &[crosswalk::Diagnostic]) -> Vec<Diagnostic> {
    diagnostics.iter().map(Diagnostic::from).collect()
}
