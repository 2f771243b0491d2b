//! Reading a page's content stream as operations with their byte ranges,
//! so that marks can be inserted around some of them while every other
//! byte stays as Chromium wrote it.

/// An operand, as far as finishing needs to understand it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    /// `/Name`, without the slash (escapes left as written).
    Name(Vec<u8>),
    /// A number.
    Number(f64),
    /// A literal or hex string, decoded.
    String(Vec<u8>),
    /// `[ … ]`.
    Array(Vec<Operand>),
    /// `<< … >>`, in order.
    Dictionary(Vec<(Vec<u8>, Operand)>),
    /// `true`, `false`, `null` and anything else.
    Other,
}

impl Operand {
    /// The value of `key` in a dictionary operand.
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Operand> {
        match self {
            Operand::Dictionary(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// One operator with its operands.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operation {
    /// Where its first operand (or the operator) starts.
    pub(crate) start: usize,
    /// Just past the operator.
    pub(crate) end: usize,
    /// `Tj`, `BDC`, `re`…
    pub(crate) operator: Vec<u8>,
    /// Its operands, in order.
    pub(crate) operands: Vec<Operand>,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

enum Token {
    Operand(Operand),
    Operator(Vec<u8>),
    ArrayEnd,
    DictionaryEnd,
}

impl Lexer<'_> {
    fn skip_white(&mut self) {
        while self.at < self.bytes.len() {
            let b = self.bytes[self.at];
            if is_white(b) {
                self.at += 1;
            } else if b == b'%' {
                while self.at < self.bytes.len() && !matches!(self.bytes[self.at], b'\n' | b'\r') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &[u8] {
        let start = self.at;
        while self.at < self.bytes.len()
            && !is_white(self.bytes[self.at])
            && !is_delimiter(self.bytes[self.at])
        {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    fn token(&mut self) -> Option<Token> {
        self.skip_white();
        let b = *self.bytes.get(self.at)?;
        let next = self.bytes.get(self.at + 1).copied();
        Some(match b {
            b'/' => {
                self.at += 1;
                Token::Operand(Operand::Name(self.word().to_vec()))
            }
            b'(' => Token::Operand(Operand::String(self.literal())),
            b'<' if next == Some(b'<') => {
                self.at += 2;
                Token::Operand(self.dictionary())
            }
            b'<' => Token::Operand(Operand::String(self.hex())),
            b'>' if next == Some(b'>') => {
                self.at += 2;
                Token::DictionaryEnd
            }
            b'[' => {
                self.at += 1;
                Token::Operand(self.array())
            }
            b']' => {
                self.at += 1;
                Token::ArrayEnd
            }
            b')' | b'>' | b'{' | b'}' => {
                self.at += 1;
                Token::Operand(Operand::Other)
            }
            _ => {
                let word = self.word().to_vec();
                if word.is_empty() {
                    self.at += 1;
                    return Some(Token::Operand(Operand::Other));
                }
                match std::str::from_utf8(&word).ok().and_then(|w| w.parse::<f64>().ok()) {
                    Some(n) => Token::Operand(Operand::Number(n)),
                    None if matches!(&word[..], b"true" | b"false" | b"null") => {
                        Token::Operand(Operand::Other)
                    }
                    None => Token::Operator(word),
                }
            }
        })
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        self.at += 1;
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            match b {
                b'\\' => {
                    let Some(&e) = self.bytes.get(self.at) else { break };
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' | b'\n' => {}
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.bytes.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((value & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut digits = Vec::new();
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = (b as char).to_digit(16) {
                digits.push(d as u8);
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        digits.chunks(2).map(|p| p[0] * 16 + p[1]).collect()
    }

    fn array(&mut self) -> Operand {
        let mut items = Vec::new();
        while let Some(t) = self.token() {
            match t {
                Token::ArrayEnd => break,
                Token::Operand(o) => items.push(o),
                _ => items.push(Operand::Other),
            }
        }
        Operand::Array(items)
    }

    fn dictionary(&mut self) -> Operand {
        let mut entries = Vec::new();
        let mut key: Option<Vec<u8>> = None;
        while let Some(t) = self.token() {
            match (t, key.take()) {
                (Token::DictionaryEnd, _) => break,
                (Token::Operand(Operand::Name(n)), None) => key = Some(n),
                (Token::Operand(value), Some(k)) => entries.push((k, value)),
                (_, Some(k)) => entries.push((k, Operand::Other)),
                _ => {}
            }
        }
        Operand::Dictionary(entries)
    }

    /// Past an inline image's data, which may hold any bytes: to the `EI`
    /// that stands between white space.
    fn skip_inline_image(&mut self) {
        while self.at + 2 <= self.bytes.len() {
            if &self.bytes[self.at..self.at + 2] == b"EI"
                && self.at > 0
                && is_white(self.bytes[self.at - 1])
                && self.bytes.get(self.at + 2).is_none_or(|b| is_white(*b))
            {
                self.at += 2;
                return;
            }
            self.at += 1;
        }
        self.at = self.bytes.len();
    }
}

/// The operations of a content stream, in order. An inline image is one
/// operation, `BI`, that ends after its `EI`.
pub(crate) fn operations(bytes: &[u8]) -> Vec<Operation> {
    let mut lexer = Lexer { bytes, at: 0 };
    let mut out = Vec::new();
    let mut operands = Vec::new();
    let mut start = None;
    loop {
        lexer.skip_white();
        let here = lexer.at;
        let Some(token) = lexer.token() else { break };
        match token {
            Token::Operand(o) => {
                start.get_or_insert(here);
                operands.push(o);
            }
            Token::Operator(operator) => {
                if operator == b"BI" {
                    lexer.skip_inline_image();
                }
                out.push(Operation {
                    start: start.take().unwrap_or(here),
                    end: lexer.at,
                    operator,
                    operands: std::mem::take(&mut operands),
                });
            }
            Token::ArrayEnd | Token::DictionaryEnd => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_keep_their_byte_ranges_and_operands() {
        let stream = b"q 1 0 0 -1 16 992 cm\n/P <</MCID 3 >>BDC\nBT /F5 14.6 Tf <0014> Tj [(a\\)b) -20 <41>] TJ ET\nEMC Q";
        let ops = operations(stream);
        let names: Vec<&[u8]> = ops.iter().map(|o| o.operator.as_slice()).collect();
        assert_eq!(
            names,
            [&b"q"[..], b"cm", b"BDC", b"BT", b"Tf", b"Tj", b"TJ", b"ET", b"EMC", b"Q"]
        );
        let bdc = &ops[2];
        assert_eq!(&stream[bdc.start..bdc.end], b"/P <</MCID 3 >>BDC");
        assert_eq!(bdc.operands[1].get(b"MCID"), Some(&Operand::Number(3.0)));
        assert_eq!(ops[5].operands, vec![Operand::String(vec![0x00, 0x14])]);
        assert_eq!(
            ops[6].operands,
            vec![Operand::Array(vec![
                Operand::String(b"a)b".to_vec()),
                Operand::Number(-20.0),
                Operand::String(b"A".to_vec())
            ])]
        );
    }

    #[test]
    fn an_inline_image_is_one_operation() {
        let ops = operations(b"q BI /W 1 /H 1 ID \x00EI\xff EI Q");
        let names: Vec<&[u8]> = ops.iter().map(|o| o.operator.as_slice()).collect();
        assert_eq!(names, [&b"q"[..], b"BI", b"Q"]);
    }
}
