//! The reader: JSON text (RFC 8259) pulled value by value into the caller's types, strings
//! borrowed from the text when they hold no escapes. Containers a type does not expect are
//! skipped without recursion, so no input can exhaust the stack.

use std::borrow::Cow;

/// Why a text was refused, and at which byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error {
    pub at: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON: a syntax error, or the text ends early.
    Syntax,
    /// JSON, but not the type expected here.
    Expected(&'static str),
    /// An object without this required key.
    Missing(&'static str),
}

impl Error {
    /// A description without any of the text itself (which may hold anything).
    pub fn describe(&self) -> String {
        match self.problem {
            Problem::Syntax => text!("not JSON at byte {}", self.at),
            Problem::Expected(what) => text!("expected {} at byte {}", what, self.at),
            Problem::Missing(key) => text!(
                "field \"{}\" missing (object ending at byte {})",
                key,
                self.at
            ),
        }
    }
}

/// A type read from JSON.
pub trait Read: Sized {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Error>;

    /// The value of a field that is left out: none, so the field is required, unless optional.
    fn absent() -> Option<Self> {
        None
    }
}

/// A type read from a JSON object, whose unknown keys can go to someone else: a response's
/// body and its envelope share one object.
pub trait ReadObject: Sized {
    fn read_object(
        reader: &mut Reader<'_>,
        other: &mut dyn FnMut(&mut Reader<'_>, &str) -> Result<(), Error>,
    ) -> Result<Self, Error>;
}

/// Where an object's field is read to: an `Option` that is `None` until its key comes.
/// Objects hand their fields to the reader as a table of these, so that the loop over keys
/// is compiled once rather than per type.
pub trait Slot {
    fn fill(&mut self, reader: &mut Reader<'_>) -> Result<(), Error>;
}

impl<T: Read> Slot for Option<T> {
    fn fill(&mut self, reader: &mut Reader<'_>) -> Result<(), Error> {
        *self = Some(T::read(reader)?);
        Ok(())
    }
}

/// A position in a JSON text.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Reader { text, at: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte past whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes().get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// Consumes `b` if it comes next.
    fn eat(&mut self, b: u8) -> bool {
        let next = self.peek() == Some(b);
        self.at += usize::from(next);
        next
    }

    fn expect(&mut self, b: u8) -> Result<(), Error> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(self.error(Problem::Syntax))
        }
    }

    /// An error at the current position.
    pub fn error(&self, problem: Problem) -> Error {
        Error {
            at: self.at,
            problem,
        }
    }

    /// Fails unless the value just read ends the text.
    pub fn end(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error(Problem::Syntax)),
        }
    }

    /// The next value's first byte if it passes `ok`; otherwise fails with `Expected(what)`
    /// (a value of another type), or with `Syntax` if no value starts there.
    fn starts(&mut self, what: &'static str, ok: impl Fn(u8) -> bool) -> Result<u8, Error> {
        match self.peek() {
            Some(b) if ok(b) => Ok(b),
            Some(b'{' | b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9') => {
                Err(self.error(Problem::Expected(what)))
            }
            _ => Err(self.error(Problem::Syntax)),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Error> {
        let end = self.at + word.len();
        if self.bytes().get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(self.error(Problem::Syntax))
        }
    }

    /// Consumes a `null` if one comes next.
    pub fn null(&mut self) -> Result<bool, Error> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal(b"null").map(|()| true)
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Result<bool, Error> {
        if self.starts("a boolean", |b| b == b't' || b == b'f')? == b't' {
            self.literal(b"true").map(|()| true)
        } else {
            self.literal(b"false").map(|()| false)
        }
    }

    /// A string, borrowed from the text unless it holds escapes.
    pub fn str(&mut self) -> Result<Cow<'a, str>, Error> {
        self.starts("a string", |b| b == b'"')?;
        self.at += 1;
        let mut owned: Option<String> = None;
        loop {
            let from = self.at;
            let rest = self.bytes().get(from..).unwrap_or_default();
            let Some(len) = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            else {
                self.at = self.text.len();
                return Err(self.error(Problem::Syntax));
            };
            self.at += len;
            let plain = self.slice(from, self.at)?;
            match rest.get(len) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(plain),
                        Some(mut s) => {
                            s.push_str(plain);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(plain);
                    self.at += 1;
                    self.escape(s)?;
                }
                _ => return Err(self.error(Problem::Syntax)),
            }
        }
    }

    /// Stops on ASCII bytes only, so the slice is on character boundaries.
    fn slice(&self, from: usize, to: usize) -> Result<&'a str, Error> {
        self.text
            .get(from..to)
            .ok_or_else(|| self.error(Problem::Syntax))
    }

    /// Decodes the escape after a backslash into `out`.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let b = self.bytes().get(self.at).copied();
        self.at += 1;
        let c = match b {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let unit = self.hex4()?;
                let code = if (0xd800..0xdc00).contains(&unit) {
                    // A surrogate pair: the low half must follow as its own escape.
                    self.literal(b"\\u")?;
                    let low = self.hex4()?;
                    if !(0xdc00..0xe000).contains(&low) {
                        return Err(self.error(Problem::Syntax));
                    }
                    0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                } else {
                    unit
                };
                char::from_u32(code).ok_or_else(|| self.error(Problem::Syntax))?
            }
            _ => return Err(self.error(Problem::Syntax)),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = self
                .bytes()
                .get(self.at)
                .and_then(|&b| char::from(b).to_digit(16));
            unit = unit * 16 + digit.ok_or_else(|| self.error(Problem::Syntax))?;
            self.at += 1;
        }
        Ok(unit)
    }

    /// A non-negative integer: a fraction, exponent or sign makes it the wrong type.
    pub fn u64(&mut self) -> Result<u64, Error> {
        const WHAT: &str = "a non-negative integer";
        self.starts(WHAT, |b| b.is_ascii_digit())?;
        let start = self.at;
        let mut n: u64 = 0;
        let mut overflow = false;
        while let Some(d) = self
            .bytes()
            .get(self.at)
            .map(|&b| b.wrapping_sub(b'0'))
            .filter(|&d| d < 10)
        {
            match n.checked_mul(10).and_then(|n| n.checked_add(u64::from(d))) {
                Some(next) => n = next,
                None => overflow = true,
            }
            self.at += 1;
        }
        if self.at - start > 1 && self.bytes().get(start) == Some(&b'0') {
            return Err(self.error(Problem::Syntax));
        }
        if matches!(self.bytes().get(self.at), Some(b'.' | b'e' | b'E')) {
            // Consumed whole, so that a syntax error past it is still told apart.
            self.at = start;
            self.number()?;
            return Err(expected(start, WHAT));
        }
        if overflow {
            return Err(expected(start, WHAT));
        }
        Ok(n)
    }

    /// An integer of either sign, within i64.
    pub fn i64(&mut self) -> Result<i64, Error> {
        const WHAT: &str = "a 64-bit integer";
        let negative = self.starts(WHAT, |b| b == b'-' || b.is_ascii_digit())? == b'-';
        let start = self.at;
        if negative {
            self.at += 1;
            if !matches!(self.bytes().get(self.at), Some(b'0'..=b'9')) {
                return Err(self.error(Problem::Syntax));
            }
        }
        let magnitude = self.u64().map_err(|e| match e.problem {
            Problem::Expected(_) => expected(start, WHAT),
            Problem::Syntax | Problem::Missing(_) => e,
        })?;
        let n = if negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        };
        n.ok_or_else(|| expected(start, WHAT))
    }

    /// Any JSON number as an f64: exact (correctly rounded) for up to 15 significant
    /// digits and powers of ten up to 22, as timeouts are written; within a few units in
    /// the last place beyond. (Only options are read as floats, and core's exact parser
    /// would cost the wasm 5 KB.)
    pub fn f64(&mut self) -> Result<f64, Error> {
        self.starts("a number", |b| b == b'-' || b.is_ascii_digit())?;
        let start = self.at;
        self.number()?;
        let text = self.bytes().get(start..self.at).unwrap_or_default();
        let (mut mantissa, mut exponent, mut dot) = (0u64, 0i32, false);
        let mut at = 0;
        while let Some(&b) = text.get(at) {
            at += 1;
            match b {
                b'0'..=b'9' if mantissa < 1 << 60 => {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    exponent -= i32::from(dot);
                }
                // Digits past what the mantissa holds only scale it.
                b'0'..=b'9' => exponent += i32::from(!dot),
                b'.' => dot = true,
                b'e' | b'E' => break,
                _ => {}
            }
        }
        let mut written: i32 = 0;
        let negative = text.get(at) == Some(&b'-');
        for &b in text.get(at..).unwrap_or_default() {
            if b.is_ascii_digit() {
                written = written
                    .saturating_mul(10)
                    .saturating_add(i32::from(b - b'0'));
            }
        }
        exponent = exponent.saturating_add(if negative { -written } else { written });
        let ten = |n: i32| (0..n.min(400)).fold(1.0f64, |p, _| p * 10.0);
        // Dividing by an exact power of ten rounds once, where multiplying by its inexact
        // reciprocal would round twice.
        let magnitude = if exponent < 0 {
            mantissa as f64 / ten(-exponent)
        } else {
            mantissa as f64 * ten(exponent)
        };
        Ok(if text.first() == Some(&b'-') {
            -magnitude
        } else {
            magnitude
        })
    }

    /// Consumes one number of the JSON grammar.
    fn number(&mut self) -> Result<(), Error> {
        self.eat(b'-');
        match self.bytes().get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error(Problem::Syntax)),
        }
        if self.bytes().get(self.at) == Some(&b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if matches!(self.bytes().get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes().get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Ok(())
    }

    fn digits(&mut self) {
        while matches!(self.bytes().get(self.at), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), Error> {
        let start = self.at;
        self.digits();
        if self.at == start {
            return Err(self.error(Problem::Syntax));
        }
        Ok(())
    }

    /// Reads an object, handing each key to `f`, which must consume the key's value.
    pub fn object(
        &mut self,
        f: &mut dyn FnMut(&mut Self, &str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.starts("an object", |b| b == b'{')?;
        self.at += 1;
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            let key = self.key()?;
            f(self, &key)?;
            if !self.eat(b',') {
                return self.expect(b'}');
            }
        }
    }

    /// Reads an object into `slots` by key; keys not among them go to `other`.
    pub fn fields(
        &mut self,
        slots: &mut [(&str, &mut dyn Slot)],
        other: &mut dyn FnMut(&mut Reader<'_>, &str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.object(
            &mut |reader, key| match slots.iter_mut().find(|(k, _)| *k == key) {
                Some((_, slot)) => slot.fill(reader),
                None => other(reader, key),
            },
        )
    }

    /// An object's key and the colon after it.
    fn key(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.error(Problem::Syntax));
        }
        let key = self.str()?;
        self.expect(b':')?;
        Ok(key)
    }

    /// Reads an array, calling `f` for each item, which must consume it.
    pub fn array(
        &mut self,
        f: &mut dyn FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.starts("an array", |b| b == b'[')?;
        self.at += 1;
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            f(self)?;
            if !self.eat(b',') {
                return self.expect(b']');
            }
        }
    }

    /// Consumes one value of any type, checking its syntax, without recursion.
    pub fn skip(&mut self) -> Result<(), Error> {
        // The closing bracket of each open container, innermost last.
        let mut open: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                Some(b'{') => {
                    self.at += 1;
                    if !self.eat(b'}') {
                        open.push(b'}');
                        self.key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    if !self.eat(b']') {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'"') => {
                    self.str()?;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                _ => self.number()?,
            }
            // A value is complete: close the containers it completes, then go on to the
            // next item or key.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                if self.eat(b',') {
                    if close == b'}' {
                        self.key()?;
                    }
                    break;
                }
                self.expect(close)?;
                open.pop();
            }
        }
    }

    /// A field's value once its object is read: `slot`, or the type's value when absent.
    pub fn field<T: Read>(&self, slot: Option<T>, key: &'static str) -> Result<T, Error> {
        slot.or_else(T::absent)
            .ok_or_else(|| self.error(Problem::Missing(key)))
    }
}

fn expected(at: usize, what: &'static str) -> Error {
    Error {
        at,
        problem: Problem::Expected(what),
    }
}

impl Read for String {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Error> {
        reader.str().map(Cow::into_owned)
    }
}

/// The types the reader reads directly.
macro_rules! read_with {
    ($($ty:ty: $method:ident),*) => {$(
        impl Read for $ty {
            fn read(reader: &mut Reader<'_>) -> Result<Self, Error> {
                reader.$method()
            }
        }
    )*};
}

read_with!(bool: bool, u64: u64, i64: i64, f64: f64);

/// The narrower unsigned integers, refused past their range.
macro_rules! read_narrow {
    ($($ty:ty: $what:literal),*) => {$(
        impl Read for $ty {
            fn read(reader: &mut Reader<'_>) -> Result<Self, Error> {
                reader.peek();
                let start = reader.at;
                let n = reader.u64().map_err(|e| match e.problem {
                    Problem::Expected(_) => expected(start, $what),
                    _ => e,
                })?;
                <$ty>::try_from(n).map_err(|_| expected(start, $what))
            }
        }
    )*};
}

read_narrow!(u8: "an integer from 0 to 255", u32: "an integer from 0 to 4294967295");

impl<T: Read> Read for Option<T> {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Error> {
        if reader.null()? {
            return Ok(None);
        }
        T::read(reader).map(Some)
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Error> {
        let mut items = Vec::new();
        reader.array(&mut |reader| {
            items.push(T::read(reader)?);
            Ok(())
        })?;
        Ok(items)
    }
}
