//! The writer: values appended to one `String` as compact JSON.

/// A type written as JSON.
pub trait Write {
    fn write(&self, writer: &mut Writer);

    /// Whether a field holding this value is left out: a `None`.
    fn is_absent(&self) -> bool {
        false
    }
}

/// JSON text being written; values go in order, commas come by themselves.
#[derive(Default)]
pub struct Writer {
    /// UTF-8 throughout: only whole `str`s and ASCII bytes are ever appended.
    out: Vec<u8>,
    /// Whether the next value or key follows another in the same container.
    comma: bool,
}

impl Writer {
    /// The text written.
    pub fn finish(self) -> String {
        // SAFETY: `out` holds whole `str`s and ASCII bytes only, so it is UTF-8. (A checked
        // conversion would read the whole text again.)
        unsafe { String::from_utf8_unchecked(self.out) }
    }

    /// Before a value or a key.
    fn separate(&mut self) {
        if self.comma {
            self.out.push(b',');
        }
        self.comma = true;
    }

    fn open(&mut self, bracket: u8) {
        self.separate();
        self.out.push(bracket);
        self.comma = false;
    }

    fn close(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.comma = true;
    }

    /// Opens an object, whose members [`Writer::field`] then writes.
    pub fn begin_object(&mut self) {
        self.open(b'{');
    }

    /// Closes the object last opened.
    pub fn end_object(&mut self) {
        self.close(b'}');
    }

    /// A key and its value, unless the value is absent.
    pub fn field<T: Write + ?Sized>(&mut self, key: &str, value: &T) {
        if !value.is_absent() {
            self.key(key);
            value.write(self);
        }
    }

    /// A key and its colon (apart from [`Writer::field`], so that it is compiled once
    /// rather than for every field type).
    fn key(&mut self, key: &str) {
        self.separate();
        self.quoted(key);
        self.out.push(b':');
        self.comma = false;
    }

    /// An array of `items`, each written as its type writes itself.
    pub fn array<T: Write>(&mut self, items: &[T]) {
        self.open(b'[');
        for item in items {
            item.write(self);
        }
        self.close(b']');
    }

    /// A string, escaped.
    pub fn string(&mut self, s: &str) {
        self.separate();
        self.quoted(s);
    }

    /// Integers, in decimal (these and the values below are separated like any other).
    pub fn u64(&mut self, n: u64) {
        self.separate();
        // Writing to a String cannot fail.
        self.number(n, false);
    }

    pub fn i64(&mut self, n: i64) {
        self.separate();
        self.number(n.unsigned_abs(), n < 0);
    }

    /// Decimal digits, most significant first.
    fn number(&mut self, mut n: u64, negative: bool) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || at == 0 {
                break;
            }
        }
        if negative {
            self.out.push(b'-');
        }
        self.out
            .extend_from_slice(digits.get(at..).unwrap_or_default());
    }

    pub fn bool(&mut self, b: bool) {
        self.separate();
        self.out
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    pub fn null(&mut self) {
        self.separate();
        self.out.extend_from_slice(b"null");
    }

    /// `s` in quotes, escaped: quotes, backslashes and control characters (the rest of
    /// Unicode goes as it is).
    fn quoted(&mut self, s: &str) {
        self.out.push(b'"');
        let mut rest = s.as_bytes();
        while let Some(at) = rest
            .iter()
            .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        {
            let Some((plain, [b, tail @ ..])) = rest.split_at_checked(at) else {
                break;
            };
            self.out.extend_from_slice(plain);
            match *b {
                b'"' => self.out.extend_from_slice(b"\\\""),
                b'\\' => self.out.extend_from_slice(b"\\\\"),
                b'\n' => self.out.extend_from_slice(b"\\n"),
                b'\r' => self.out.extend_from_slice(b"\\r"),
                b'\t' => self.out.extend_from_slice(b"\\t"),
                _ => {
                    let hex = |n: u8| {
                        b"0123456789abcdef"
                            .get(usize::from(n))
                            .copied()
                            .unwrap_or(b'0')
                    };
                    self.out.extend_from_slice(&[
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        hex(b >> 4),
                        hex(b & 0xf),
                    ]);
                }
            }
            rest = tail;
        }
        self.out.extend_from_slice(rest);
        self.out.push(b'"');
    }
}

impl Write for str {
    fn write(&self, writer: &mut Writer) {
        writer.string(self);
    }
}

impl Write for String {
    fn write(&self, writer: &mut Writer) {
        writer.string(self);
    }
}

impl Write for bool {
    fn write(&self, writer: &mut Writer) {
        writer.bool(*self);
    }
}

impl Write for i64 {
    fn write(&self, writer: &mut Writer) {
        writer.i64(*self);
    }
}

/// The unsigned integers, all written through u64.
macro_rules! write_unsigned {
    ($($ty:ty),*) => {$(
        impl Write for $ty {
            fn write(&self, writer: &mut Writer) {
                writer.u64(u64::from(*self));
            }
        }
    )*};
}

write_unsigned!(u8, u16, u32, u64);

impl<T: Write + ?Sized> Write for &T {
    fn write(&self, writer: &mut Writer) {
        (**self).write(writer);
    }

    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}

impl<T: Write> Write for Option<T> {
    fn write(&self, writer: &mut Writer) {
        match self {
            Some(value) => value.write(writer),
            None => writer.null(),
        }
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: Write> Write for [T] {
    fn write(&self, writer: &mut Writer) {
        writer.array(self);
    }
}

impl<T: Write> Write for Vec<T> {
    fn write(&self, writer: &mut Writer) {
        writer.array(self);
    }
}

/// A result with nothing in it (`top`'s) is `null`, as JS gets it.
impl Write for () {
    fn write(&self, writer: &mut Writer) {
        writer.null();
    }
}
