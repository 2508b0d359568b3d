//! JSON for the few shapes this crate moves: a pull reader and a writer, and the
//! [`Read`]/[`Write`] traits its types implement through [`impl_read!`] and [`impl_write!`].
//!
//! Why not a library: serde_json compiles a parser per type, tens of KB of wasm; miniserde
//! (used before this) shares one through boxed visitors, but its derives and machinery cost
//! the package 2.5 KB gzip more than this module, at the same speed, and its errors say
//! neither where nor what. Here errors give the byte offset and the type or key expected
//! (never the text itself, which may hold anything). `make size` holds the bytes; the unit
//! tests and the `json` fuzz target hold the grammar against serde_json.

mod read;
mod write;

pub use read::{Error, Problem, Read, ReadObject, Reader, Slot};
pub use write::{Write, Writer};

/// Reads a whole text as one `T`: nothing but whitespace may follow it.
pub fn from_str<T: Read>(text: &str) -> Result<T, Error> {
    let mut reader = Reader::new(text);
    let value = T::read(&mut reader)?;
    reader.end()?;
    Ok(value)
}

/// Writes `value` as JSON text.
pub fn to_string<T: Write + ?Sized>(value: &T) -> String {
    let mut writer = Writer::default();
    value.write(&mut writer);
    writer.finish()
}

/// Implements [`Read`] and [`ReadObject`] for a struct from its fields' JSON keys:
/// `impl_read!(Cursor { time_stamp: "timeStamp", .. })`. Unknown keys are skipped, an
/// `Option` field may be left out or `null`, and any other field is required.
macro_rules! impl_read {
    ($ty:ident { $($field:ident: $key:literal),* $(,)? }) => {
        impl $crate::json::ReadObject for $ty {
            fn read_object(
                reader: &mut $crate::json::Reader<'_>,
                other: &mut dyn FnMut(&mut $crate::json::Reader<'_>, &str) -> Result<(), $crate::json::Error>,
            ) -> Result<Self, $crate::json::Error> {
                $(let mut $field = None;)*
                reader.fields(&mut [$(($key, &mut $field as &mut dyn $crate::json::Slot)),*], other)?;
                Ok($ty { $($field: reader.field($field, $key)?,)* })
            }
        }

        impl $crate::json::Read for $ty {
            fn read(reader: &mut $crate::json::Reader<'_>) -> Result<Self, $crate::json::Error> {
                <Self as $crate::json::ReadObject>::read_object(reader, &mut |reader, _| reader.skip())
            }
        }
    };
}

/// Implements [`Write`] for a struct as an object of the given keys, in order; a field
/// that is `None` is left out.
macro_rules! impl_write {
    ($ty:ident { $($field:ident: $key:literal),* $(,)? }) => {
        impl $crate::json::Write for $ty {
            fn write(&self, writer: &mut $crate::json::Writer) {
                writer.begin_object();
                $(writer.field($key, &self.$field);)*
                writer.end_object();
            }
        }
    };
}

#[cfg(test)]
mod tests;
