//! The reader and writer against serde_json, which stands for the JSON grammar.

use super::*;
use std::borrow::Cow;

fn problem<T: Read + std::fmt::Debug>(text: &str) -> Problem {
    from_str::<T>(text).unwrap_err().problem
}

/// Whether the reader takes `text` as one JSON value, skipped.
fn valid(text: &str) -> bool {
    let mut reader = Reader::new(text);
    reader.skip().and_then(|()| reader.end()).is_ok()
}

#[test]
fn validity_agrees_with_serde_json() {
    let samples = [
        "0",
        "-0",
        "1.5",
        "-1.5e+3",
        "1E-2",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "--1",
        "0x1",
        "true",
        "tru",
        "false",
        "null",
        "nul",
        "\"\"",
        "\"a\\u00e9\\n\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\t\"",
        "\"open",
        "[]",
        "[1,]",
        "[,1]",
        "[1 2]",
        "[[[]]]",
        "[1,[2,[3]],{}]",
        "{}",
        "{\"a\":1}",
        "{\"a\":1,}",
        "{\"a\"}",
        "{\"a\":}",
        "{a:1}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":[{\"b\":null}],\"c\":\"d\"}",
        "[}",
        "{]",
        " [ 1 , 2 ] ",
        "1 2",
        "",
        "   ",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ude00\"",
        "\"\\ud83d\\u0041\"",
        "[\"é\"]",
    ];
    for text in samples {
        let theirs = serde_json::from_str::<serde_json::Value>(text).is_ok();
        assert_eq!(valid(text), theirs, "{text:?}");
    }
}

#[test]
fn skipping_deep_nesting_does_not_recurse() {
    let deep = "[".repeat(200_000) + &"]".repeat(200_000);
    assert!(valid(&deep));
    let open = "{\"a\":".repeat(200_000);
    assert!(!valid(&open));
}

#[test]
fn strings_decode_like_serde_json() {
    for text in [
        r#""plain""#,
        r#""q\"b\\s\/""#,
        r#""\b\f\n\r\t""#,
        r#""\u0000\u001f\u00e9\u4e2d""#,
        r#""\ud83d\ude00 and é 中""#,
    ] {
        let ours: String = from_str(text).unwrap();
        let theirs: String = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs, "{text}");
    }
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let mut reader = Reader::new(r#"["abc", "a\nb"]"#);
    let mut strings = Vec::new();
    reader
        .array(&mut |reader| {
            strings.push(reader.str()?);
            Ok(())
        })
        .unwrap();
    assert!(matches!(strings[0], Cow::Borrowed("abc")));
    assert!(matches!(&strings[1], Cow::Owned(s) if s == "a\nb"));
}

#[test]
fn integers_are_exact_and_in_range() {
    assert_eq!(from_str::<u64>("18446744073709551615"), Ok(u64::MAX));
    assert_eq!(from_str::<i64>("-9223372036854775808"), Ok(i64::MIN));
    assert_eq!(from_str::<i64>("-0"), Ok(0));
    assert_eq!(from_str::<u8>(" 255 "), Ok(255));
    let wrong = |what| Problem::Expected(what);
    assert_eq!(
        problem::<u64>("18446744073709551616"),
        wrong("a non-negative integer")
    );
    assert_eq!(problem::<u64>("-1"), wrong("a non-negative integer"));
    assert_eq!(problem::<u64>("1.0"), wrong("a non-negative integer"));
    assert_eq!(problem::<u64>("1e3"), wrong("a non-negative integer"));
    assert_eq!(problem::<u64>("\"1\""), wrong("a non-negative integer"));
    assert_eq!(
        problem::<i64>("-9223372036854775809"),
        wrong("a 64-bit integer")
    );
    assert_eq!(
        problem::<i64>("9223372036854775808"),
        wrong("a 64-bit integer")
    );
    assert_eq!(problem::<i64>("1.5"), wrong("a 64-bit integer"));
    assert_eq!(problem::<i64>("-1e3"), wrong("a 64-bit integer"));
    assert_eq!(problem::<u8>("256"), wrong("an integer from 0 to 255"));
    assert_eq!(problem::<u8>("-1"), wrong("an integer from 0 to 255"));
    assert_eq!(
        problem::<u32>("4294967296"),
        wrong("an integer from 0 to 4294967295")
    );
    for text in ["01", "-", "-a", "1.", "1e", "- 1"] {
        assert_eq!(problem::<i64>(text), Problem::Syntax, "{text}");
    }
}

#[test]
fn floats_take_any_json_number() {
    assert_eq!(from_str::<f64>("1.5e3"), Ok(1500.0));
    assert_eq!(from_str::<f64>("-0.25"), Ok(-0.25));
    assert_eq!(from_str::<f64>("7"), Ok(7.0));
    for text in [
        "0.1",
        "1500.5",
        "123456789012345",
        "1e22",
        "2.5e-3",
        "-7.25",
        "9007199254740991",
        "0.000001",
        "3E+2",
    ] {
        assert_eq!(
            from_str::<f64>(text),
            Ok(text.parse::<f64>().unwrap()),
            "{text}"
        );
    }
    let near = |text: &str| {
        let (ours, exact) = (from_str::<f64>(text).unwrap(), text.parse::<f64>().unwrap());
        assert!(
            ((ours - exact) / exact).abs() < 1e-15,
            "{text}: {ours} vs {exact}"
        );
    };
    near("1.2345678901234567890123e-30");
    near("98765432109876543210987654321");
    assert_eq!(from_str::<f64>("1e400"), Ok(f64::INFINITY));
    assert_eq!(problem::<f64>("1.5.2"), Problem::Syntax);
    assert_eq!(problem::<f64>("true"), Problem::Expected("a number"));
}

#[derive(Debug, PartialEq)]
struct Sample {
    name: String,
    tags: Option<Vec<u8>>,
    on: Option<bool>,
}

impl_read!(Sample {
    name: "name",
    tags: "tags",
    on: "on",
});

impl_write!(Sample {
    name: "name",
    tags: "tags",
    on: "on",
});

#[test]
fn objects_skip_unknown_keys_and_default_optional_fields() {
    let sample: Sample =
        from_str(r#"{"x":{"deep":[1,{"y":null}]},"name":"a","on":null,"z":-1.5e9}"#).unwrap();
    assert_eq!(
        sample,
        Sample {
            name: "a".into(),
            tags: None,
            on: None
        }
    );
    let e = from_str::<Sample>(r#"{"tags":[1]}"#).unwrap_err();
    assert_eq!(e.problem, Problem::Missing("name"));
    assert_eq!(
        problem::<Sample>(r#"{"name":null}"#),
        Problem::Expected("a string")
    );
    assert_eq!(problem::<Sample>(r#"{"name":"a"} x"#), Problem::Syntax);
    assert_eq!(
        problem::<Sample>(r#"["name"]"#),
        Problem::Expected("an object")
    );
    assert_eq!(problem::<Sample>(r#"{"name":"a""#), Problem::Syntax);
}

#[test]
fn errors_say_where_but_not_what_the_text_holds() {
    let e = from_str::<Sample>(r#"{"name":"secret", "tags":[1,"secret"]}"#).unwrap_err();
    assert_eq!(e.describe(), "expected an integer from 0 to 255 at byte 28");
    assert!(!e.describe().contains("secret"));
}

#[test]
fn writes_compact_json_without_absent_fields() {
    let sample = Sample {
        name: "a\"\\\n\u{1}é".into(),
        tags: Some(vec![1, 2]),
        on: None,
    };
    let text = to_string(&sample);
    assert_eq!(text, r#"{"name":"a\"\\\n\u0001é","tags":[1,2]}"#);
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["name"], "a\"\\\n\u{1}é");
    assert_eq!(from_str::<Sample>(&text), Ok(sample));
    assert_eq!(to_string(&vec![Some(1u8), None]), "[1,null]");
    assert_eq!(to_string(&Vec::<Sample>::new()), "[]");
    assert_eq!(to_string(&-5i64), "-5");
}

#[test]
fn every_control_character_survives_a_round_trip() {
    let all: String = (0u8..0x80).map(char::from).collect();
    let text = to_string(&all);
    assert_eq!(serde_json::from_str::<String>(&text).unwrap(), all);
    assert_eq!(from_str::<String>(&text), Ok(all));
}
