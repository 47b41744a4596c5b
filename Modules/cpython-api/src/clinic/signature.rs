//! Unpacking a call's arguments into one slot per named parameter, with the
//! checks and messages of CPython's `_PyArg_CheckPositional`,
//! `_PyArg_UnpackKeywords` and `_PyArg_UnpackKeywordsWithVararg`
//! (Python/getargs.c), for calls that come as a vector (`METH_FASTCALL |
//! METH_KEYWORDS`) or as a tuple and a dict (`__new__`, `__init__`).
//!
//! With `*args`, 3.11 to 3.13 call `_PyArg_UnpackKeywordsWithVararg`,
//! which neither bounds the positional arguments nor looks for an argument
//! given by name and position; 3.14 reworked `*args` (its parameters after
//! `*args` are keyword-only) and calls `_PyArg_UnpackKeywords` with `varpos`,
//! which keeps the second check. The extra positional arguments are the
//! caller's to collect ([`var_positional`]).
//!
//! One difference from C, on purpose: where 3.11 and 3.12 store a keyword
//! argument that follows `*args` in the wrong slot (gh-110864, fixed in
//! 3.13), this stores it where 3.13 does.

use crate::err::{PyErr, PyResult};
use crate::exceptions::TypeError;
use crate::function::Arguments;
use crate::object::Bound;
use crate::python::Python;

use super::keyword::Keyword;

/// What C Argument Clinic's `_PyArg_Parser` and the bounds it passes to
/// `_PyArg_UnpackKeywords` say about a signature. Generated code keeps one
/// in a `static`.
pub struct Signature {
    /// The name in messages: the function's, or the class's for `__new__`
    /// and `__init__`.
    pub function: &'static str,
    /// How many parameters are positional-only.
    pub positional_only: usize,
    /// The parameters that can be passed by keyword, in order, after the
    /// positional-only ones.
    pub keywords: &'static [Keyword],
    /// Positional arguments needed and allowed, not counting `*args`.
    pub min_positional: usize,
    pub max_positional: usize,
    /// How many keyword-only parameters are required.
    pub min_keyword_only: usize,
    /// Whether `*args` follows the positional parameters.
    pub var_positional: bool,
}

/// 3.14's rework of `*args` (see the module's documentation).
const VARPOS_REWORK: bool = cfg!(Py_3_14);

/// Where a slot's value comes from.
enum Source<K> {
    Positional(usize),
    Keyword(K),
}

impl Signature {
    fn named_parameters(&self) -> usize {
        self.positional_only + self.keywords.len()
    }

    /// Slots before this one must be filled (C's `reqlimit`).
    fn required_limit(&self) -> usize {
        if self.min_keyword_only > 0 {
            self.max_positional + self.min_keyword_only
        } else {
            self.min_positional
        }
    }

    /// Unpacks a vectorcall; the slots borrow the caller's arguments.
    #[inline]
    pub fn unpack<'a, 'py, const N: usize>(
        &self,
        py: Python<'py>,
        args: &Arguments<'a, 'py>,
    ) -> PyResult<[Option<&'a Bound<'py>>; N]> {
        // C's fast path: positional arguments only, within bounds.
        let nargs = args.positional.len();
        if args.keyword_names.is_none()
            && !self.var_positional
            && self.min_keyword_only == 0
            && (self.min_positional..=self.max_positional).contains(&nargs)
        {
            return Ok(core::array::from_fn(|index| args.positional.get(index)));
        }
        let names: &[Bound<'py>] = match args.keyword_names {
            Some(names) => crate::types::tuple_items(names)?,
            None => &[],
        };
        let plan = self.plan::<usize, N>(
            py,
            args.positional.len(),
            names.len(),
            |keyword| Ok(keyword.find_in(py, names)),
            || Ok(names.to_vec()),
        )?;
        Ok(plan.map(|source| {
            source.map(|source| match source {
                Source::Positional(index) => &args.positional[index],
                Source::Keyword(index) => &args.keyword_values[index],
            })
        }))
    }

    /// Unpacks the `args` tuple and `kwargs` dict that `__new__` and
    /// `__init__` receive. The slots hold references of their own: the dict
    /// is not ours to trust unchanged while converters run Python code.
    pub fn unpack_tuple_and_dict<'py, const N: usize>(
        &self,
        args: &Bound<'py>,
        kwargs: Option<&Bound<'py>>,
    ) -> PyResult<[Option<Bound<'py>>; N]> {
        let py = args.py();
        let positional = crate::types::tuple_items(args)?;
        let keyword_count = match kwargs {
            Some(kwargs) => crate::types::dict_len(kwargs)?,
            None => 0,
        };
        let plan = self.plan::<Bound<'py>, N>(
            py,
            positional.len(),
            keyword_count,
            |keyword| match kwargs {
                Some(kwargs) => crate::types::dict_get(kwargs, &keyword.as_object(py)?),
                None => Ok(None),
            },
            || match kwargs {
                Some(kwargs) => crate::types::dict_keys(kwargs),
                None => Ok(Vec::new()),
            },
        )?;
        Ok(plan.map(|source| {
            source.map(|source| match source {
                Source::Positional(index) => positional[index].clone(),
                Source::Keyword(value) => value,
            })
        }))
    }

    /// Decides every slot's source, or raises C's error for the call.
    /// `find` looks a keyword up among the call's keyword arguments;
    /// `keyword_names` lists them, for the error about one left over.
    fn plan<'py, K, const N: usize>(
        &self,
        py: Python<'py>,
        nargs: usize,
        keyword_count: usize,
        mut find: impl FnMut(&Keyword) -> PyResult<Option<K>>,
        keyword_names: impl FnOnce() -> PyResult<Vec<Bound<'py>>>,
    ) -> PyResult<[Option<Source<K>>; N]> {
        debug_assert_eq!(N, self.named_parameters());
        let mut slots: [Option<Source<K>>; N] = core::array::from_fn(|_| None);
        let filled_positionally = nargs.min(self.max_positional);
        for (index, slot) in slots.iter_mut().enumerate().take(filled_positionally) {
            *slot = Some(Source::Positional(index));
        }
        if keyword_count == 0
            && self.min_keyword_only == 0
            && (self.min_positional..=self.max_positional).contains(&nargs)
        {
            return Ok(slots);
        }
        let error = |message: String| Err(PyErr::new(TypeError(py), &message));
        let function = self.function;
        let all = self.named_parameters();
        let plural = |count: usize| if count == 1 { "" } else { "s" };
        let minimum_positional_only = self.positional_only.min(self.min_positional);
        if !self.var_positional {
            if nargs + keyword_count > all {
                let keyword = if nargs == 0 { "keyword " } else { "" };
                let given = nargs + keyword_count;
                return error(format!(
                    "{function}() takes at most {all} {keyword}argument{} ({given} given)",
                    plural(all)
                ));
            }
            if nargs > self.max_positional {
                if self.max_positional == 0 {
                    return error(format!("{function}() takes no positional arguments"));
                }
                let bound = if self.min_positional < self.max_positional {
                    "at most"
                } else {
                    "exactly"
                };
                let max = self.max_positional;
                return error(format!(
                    "{function}() takes {bound} {max} positional argument{} ({nargs} given)",
                    plural(max)
                ));
            }
        }
        if nargs < minimum_positional_only {
            let more_allowed = minimum_positional_only < self.max_positional || (VARPOS_REWORK && self.var_positional);
            let bound = if more_allowed { "at least" } else { "exactly" };
            let min = minimum_positional_only;
            return error(format!(
                "{function}() takes {bound} {min} positional argument{} ({nargs} given)",
                plural(min)
            ));
        }

        let mut keywords_left = keyword_count;
        let required_limit = self.required_limit();
        for index in filled_positionally.max(self.positional_only)..all {
            let keyword = &self.keywords[index - self.positional_only];
            let found = if keywords_left > 0 {
                find(keyword)?
            } else if index >= required_limit {
                break;
            } else {
                None
            };
            match found {
                Some(value) => {
                    slots[index] = Some(Source::Keyword(value));
                    keywords_left -= 1;
                }
                None if index < self.min_positional || (self.max_positional..required_limit).contains(&index) => {
                    return error(format!(
                        "{function}() missing required argument '{}' (pos {})",
                        keyword.name(),
                        index + 1
                    ));
                }
                None => {}
            }
        }
        if keywords_left == 0 {
            return Ok(slots);
        }
        if !self.var_positional || VARPOS_REWORK {
            for index in self.positional_only..filled_positionally {
                let keyword = &self.keywords[index - self.positional_only];
                if find(keyword)?.is_some() {
                    return error(format!(
                        "argument for {function}() given by name ('{}') and position ({})",
                        keyword.name(),
                        index + 1
                    ));
                }
            }
        }
        Err(self.unexpected_keyword(py, &keyword_names()?))
    }

    /// The error for keyword arguments left over after unpacking, naming
    /// the first that is no parameter's name (C's
    /// `error_unexpected_keyword_arg`).
    fn unexpected_keyword(&self, py: Python<'_>, names: &[Bound<'_>]) -> PyErr {
        let function = self.function;
        for name in names {
            if !crate::types::is_str(name) {
                return PyErr::new(TypeError(py), "keywords must be strings");
            }
            match self.is_parameter_name(py, name) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(error) => return error,
            }
            return self.unexpected_keyword_error(py, name);
        }
        PyErr::new(TypeError(py), &format!("invalid keyword argument for {function}()"))
    }

    /// Whether `name` (a `str`) is one of the keywords, compared as C's
    /// `PySequence_Contains(kwtuple, name)` does. An exact `str` compares
    /// by value with no Python code involved; a subclass's `__eq__` is
    /// asked about each keyword in order, as C asks it.
    fn is_parameter_name(&self, py: Python<'_>, name: &Bound<'_>) -> PyResult<bool> {
        if crate::types::is_exact_str(name) {
            return Ok(self.keywords.iter().any(|keyword| keyword.matches_value(name)));
        }
        for keyword in self.keywords {
            if keyword.compares_equal(py, name)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl Signature {
    /// 3.13 names the keyword first and may suggest a parameter, by the text
    /// of the name itself (not its `str()`): a name UTF-8 cannot encode gets
    /// no suggestion, as `_Py_CalculateSuggestions` then gives none.
    #[cfg(Py_3_13)]
    fn unexpected_keyword_error(&self, py: Python<'_>, name: &Bound<'_>) -> PyErr {
        let function = self.function;
        // C formats the name with `%S`: `str()`, which a subclass may
        // have redefined.
        let shown = match name.to_string_lossy() {
            Ok(shown) => shown,
            Err(error) => return error,
        };
        let candidates = self.keywords.iter().map(Keyword::name);
        let suggestion = crate::types::str_as_utf8(name)
            .ok()
            .and_then(|text| super::suggestions::suggestion(text, candidates));
        let message = match suggestion {
            Some(suggestion) => {
                format!("{function}() got an unexpected keyword argument '{shown}'. Did you mean '{suggestion}'?")
            }
            None => format!("{function}() got an unexpected keyword argument '{shown}'"),
        };
        PyErr::new(TypeError(py), &message)
    }

    /// Before 3.13, C's message comes from `PyErr_Format`'s `%S`: made by
    /// that very function, the error is whatever the running interpreter
    /// makes of a `str()` that raises (3.11.2 sets an empty `TypeError`,
    /// 3.11.7 keeps the exception `str()` raised).
    #[cfg(not(Py_3_13))]
    fn unexpected_keyword_error(&self, py: Python<'_>, name: &Bound<'_>) -> PyErr {
        let Ok(function) = std::ffi::CString::new(self.function) else {
            unreachable!("a function name holds no NUL");
        };
        // SAFETY: a format whose conversions take an object and two C
        // strings, given in that order; it sets an exception and returns
        // null.
        unsafe {
            cpython_sys::PyErr_Format(
                TypeError(py).as_ptr(),
                c"'%S' is an invalid keyword argument for %.200s%s".as_ptr(),
                name.as_ptr(),
                function.as_ptr(),
                c"()".as_ptr(),
            )
        };
        PyErr::fetch(py)
    }
}

/// `_PyArg_CheckPositional`: "f expected at most 2 arguments, got 3" (no
/// parentheses after the name).
#[inline]
pub fn check_positional(py: Python<'_>, function: &str, nargs: usize, min: usize, max: usize) -> PyResult<()> {
    if (min..=max).contains(&nargs) {
        return Ok(());
    }
    positional_count_error(py, function, nargs, min, max)
}

/// The error of [`check_positional`], out of the way of the calls that pass.
#[cold]
fn positional_count_error(py: Python<'_>, function: &str, nargs: usize, min: usize, max: usize) -> PyResult<()> {
    let plural = |count: usize| if count == 1 { "" } else { "s" };
    let exactly = min == max;
    let message = if nargs < min {
        let bound = if exactly { "" } else { "at least " };
        format!("{function} expected {bound}{min} argument{}, got {nargs}", plural(min))
    } else {
        let bound = if exactly { "" } else { "at most " };
        format!("{function} expected {bound}{max} argument{}, got {nargs}", plural(max))
    };
    Err(PyErr::new(TypeError(py), &message))
}

/// The count check of `PyArg_ParseTuple`-style parsing, which C Argument
/// Clinic falls back to when a converter has no inline code:
/// "f() takes at most 3 arguments (4 given)".
#[inline]
pub fn check_positional_format(py: Python<'_>, function: &str, nargs: usize, min: usize, max: usize) -> PyResult<()> {
    if (min..=max).contains(&nargs) {
        return Ok(());
    }
    format_count_error(py, function, nargs, min, max)
}

/// The error of [`check_positional_format`].
#[cold]
fn format_count_error(py: Python<'_>, function: &str, nargs: usize, min: usize, max: usize) -> PyResult<()> {
    let bound = if min == max {
        "exactly"
    } else if nargs < min {
        "at least"
    } else {
        "at most"
    };
    let count = if nargs < min { min } else { max };
    let plural = if count == 1 { "" } else { "s" };
    Err(PyErr::new(
        TypeError(py),
        &format!("{function}() takes {bound} {count} argument{plural} ({nargs} given)"),
    ))
}

/// A method whose only parameter is `defining_class`: any argument at all
/// is "f() takes no arguments".
pub fn check_no_arguments(py: Python<'_>, function: &str, args: &Arguments<'_, '_>) -> PyResult<()> {
    if args.positional.is_empty() && args.keyword_values.is_empty() {
        Ok(())
    } else {
        Err(PyErr::new(TypeError(py), &format!("{function}() takes no arguments")))
    }
}

/// The `*args` tuple: the positional arguments after the named ones.
pub fn var_positional<'py>(py: Python<'py>, extra: &[Bound<'py>]) -> PyResult<Bound<'py>> {
    crate::types::tuple_from_fn(py, extra.len(), |index| Ok(extra[index].clone()))
}

/// `_PyArg_NoPositional`, for a function whose only parameter is
/// `**kwargs`: "f() takes no positional arguments".
pub fn check_no_positional(py: Python<'_>, function: &str, args: &[Bound<'_>]) -> PyResult<()> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(PyErr::new(
            TypeError(py),
            &format!("{function}() takes no positional arguments"),
        ))
    }
}

/// The `**kwargs` dict: the one the call made (a `METH_VARARGS |
/// METH_KEYWORDS` function gets a dict of its own), or a new empty one.
pub fn var_keyword<'py>(py: Python<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Bound<'py>> {
    match kwargs {
        Some(kwargs) => Ok(kwargs.clone()),
        // SAFETY: attached ('py); a new dict, or null with an exception set.
        None => unsafe { Bound::from_owned_ptr_or_err(py, cpython_sys::PyDict_New()) },
    }
}
