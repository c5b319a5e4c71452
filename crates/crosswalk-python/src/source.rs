//! What Python hands in as input, as the facade's inputs: content (bytes, str), paths (walked by
//! `crosswalk::batch::walk`), binary file objects and iterables of chunks (read through
//! [`PyReader`], which takes the GIL for each chunk and keeps any exception for the caller).

use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crosswalk::batch::{walk, Input};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyStopIteration, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::convert::to_json_bytes;

/// An exception a Python source raised while Rust was reading it, kept until the iterator can
/// raise it (the facade sees an I/O error: it cannot carry a Python exception).
#[derive(Clone, Default)]
pub struct PyErrSlot(Arc<Mutex<Option<PyErr>>>);

impl PyErrSlot {
    /// Keeps the first exception.
    fn set(&self, error: PyErr) {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            *slot = Some(error);
        }
    }

    /// The exception, if one was raised.
    pub fn take(&self) -> Option<PyErr> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// The bytes of a document given as bytes, bytearray, memoryview or str (UTF-8).
pub fn content(data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = data.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(text) = data.cast::<PyString>() {
        return Ok(text.to_cow()?.as_bytes().to_vec());
    }
    if let Ok(array) = data.cast::<PyByteArray>() {
        return Ok(array.to_vec());
    }
    if data.get_type().name()?.to_cow()? == "memoryview" {
        // `bytes(view)`: the buffer protocol is not in the stable ABI before Python 3.11.
        let bytes = data.py().get_type::<PyBytes>().call1((data,))?;
        return Ok(bytes.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!("expected bytes or str, got {}", data.get_type().name()?)))
}

/// A path that must exist (a usage error otherwise, raised as Python's `OSError` subclasses).
fn existing(path: PathBuf) -> PyResult<PathBuf> {
    match std::fs::metadata(&path) {
        Ok(_) => Ok(path),
        Err(e) => {
            let message = format!("cannot read {}: {e}", path.display());
            Err(match e.kind() {
                io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
                io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
                _ => PyOSError::new_err(message),
            })
        }
    }
}

fn is_path(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(value.is_instance_of::<PyString>() || value.hasattr("__fspath__")?)
}

/// The inputs of one path: a file, or a directory's files.
fn path_inputs(value: &Bound<'_, PyAny>) -> PyResult<Vec<Input>> {
    let path = existing(value.extract::<PathBuf>()?)?;
    Ok(walk(&path))
}

/// The inputs `stream` reads from its `source`.
pub fn inputs_of(source: &Bound<'_, PyAny>, error: &PyErrSlot) -> PyResult<Vec<Input>> {
    if is_path(source)? {
        return path_inputs(source);
    }
    if source.is_instance_of::<PyBytes>() || source.is_instance_of::<PyByteArray>() {
        return Ok(vec![Input::bytes("<bytes>", content(source)?)]);
    }
    if source.is_instance_of::<PyList>() || source.is_instance_of::<PyTuple>() {
        let mut inputs = Vec::new();
        for (i, item) in source.try_iter()?.enumerate() {
            let item = item?;
            if is_path(&item)? {
                inputs.extend(path_inputs(&item)?);
            } else if item.is_instance_of::<PyBytes>() || item.is_instance_of::<PyByteArray>() {
                inputs.push(Input::bytes(format!("<bytes {i}>"), content(&item)?));
            } else {
                return Err(PyTypeError::new_err(format!(
                    "a list of inputs holds paths and bytes, not {}",
                    item.get_type().name()?
                )));
            }
        }
        return Ok(inputs);
    }
    if source.hasattr("read")? {
        let name =
            source.getattr("name").ok().and_then(|n| n.extract::<String>().ok()).unwrap_or_else(|| "<file>".to_owned());
        let reader = PyReader::new(source.clone().unbind(), true, error.clone());
        return Ok(vec![Input::reader(name, Box::new(reader))]);
    }
    match source.try_iter() {
        Ok(iterator) => {
            let reader = PyReader::new(iterator.into_any().unbind(), false, error.clone());
            Ok(vec![Input::reader("<iterable>", Box::new(reader))])
        }
        Err(_) => Err(PyTypeError::new_err(format!(
            "expected a path, a list of paths, a binary file or an iterable of chunks, got {}",
            source.get_type().name()?
        ))),
    }
}

/// The inputs `validate` checks: a document (bytes, str), a dict (as JSON), or a path.
pub fn validation_inputs(data: &Bound<'_, PyAny>) -> PyResult<Vec<Input>> {
    if data.is_instance_of::<PyDict>() {
        return Ok(vec![Input::bytes("<dict>", to_json_bytes(data)?)]);
    }
    if !data.is_instance_of::<PyString>() && data.hasattr("__fspath__")? {
        return path_inputs(data);
    }
    Ok(vec![Input::bytes("<bytes>", content(data)?)])
}

/// Bytes from a Python binary file (`read`) or iterator of chunks (bytes or str, taken as UTF-8).
pub struct PyReader {
    source: Py<PyAny>,
    /// True for a file object, false for an iterator.
    file: bool,
    buffer: Vec<u8>,
    at: usize,
    ended: bool,
    error: PyErrSlot,
}

/// How much a file object is asked for at a time.
const READ_SIZE: usize = 64 * 1024;

impl PyReader {
    fn new(source: Py<PyAny>, file: bool, error: PyErrSlot) -> Self {
        PyReader { source, file, buffer: Vec::new(), at: 0, ended: false, error }
    }

    /// The next chunk, or `None` at the end.
    fn pull(&self, py: Python<'_>) -> PyResult<Option<Vec<u8>>> {
        let source = self.source.bind(py);
        let chunk = if self.file {
            let chunk = source.call_method1("read", (READ_SIZE,))?;
            if chunk.len().unwrap_or(0) == 0 {
                return Ok(None);
            }
            chunk
        } else {
            match source.call_method0("__next__") {
                Ok(chunk) => chunk,
                Err(e) if e.is_instance_of::<PyStopIteration>(py) => return Ok(None),
                Err(e) => return Err(e),
            }
        };
        content(&chunk).map(Some)
    }
}

impl Read for PyReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.buffer.len() {
            if self.ended {
                return Ok(0);
            }
            match Python::attach(|py| self.pull(py)) {
                Ok(Some(chunk)) => {
                    self.buffer = chunk;
                    self.at = 0;
                }
                Ok(None) => self.ended = true,
                Err(e) => {
                    self.ended = true;
                    self.error.set(e);
                    return Err(io::Error::other("the Python source raised an exception"));
                }
            }
        }
        let rest = self.buffer.get(self.at..).unwrap_or_default();
        let n = rest.len().min(out.len());
        if let (Some(to), Some(from)) = (out.get_mut(..n), rest.get(..n)) {
            to.copy_from_slice(from);
        }
        self.at += n;
        Ok(n)
    }
}
