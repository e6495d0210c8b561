//! Ed25519 public keys a verifier must refuse: the encodings of the points of
//! small order, under which a signature forged without any private key
//! verifies, and non-canonical encodings (RFC 8032 5.1.3).

/// The encodings of the eight points of Ed25519's torsion subgroup as a
/// lenient decoder reads them, with the sign bit (bit 255) cleared: the
/// identity (y = 1), the point of order 2 (y = p - 1), the points of order 4
/// (y = 0), the points of order 8 (y = ±y8), and the non-canonical aliases
/// y = p and y = p + 1. With the sign bit set or not, that is 14 encodings.
/// A public key among them lets `[k]A` vanish, so the all-identity signature
/// R = identity, s = 0 verifies (for every message when A is the identity).
/// Derived independently in this module's tests.
pub(super) const SMALL_ORDER: [[u8; 32]; 7] = [
    // y = 0: order 4.
    [0; 32],
    // y = 1: the identity.
    [
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0,
    ],
    // y = y8: order 8.
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    // y = p - y8: order 8.
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    // y = p - 1: order 2.
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    // y = p (non-canonical 0): order 4.
    [
        0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    // y = p + 1 (non-canonical 1): the identity.
    [
        0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
];

/// Whether a 32-byte Ed25519 public key encodes a point of small order, in
/// any of its encodings (canonical or not, either sign bit).
pub(super) fn small_order(x: &[u8; 32]) -> bool {
    let mut y = *x;
    y[31] &= 0x7f;
    SMALL_ORDER.contains(&y)
}

/// Whether the y coordinate of an Ed25519 encoding is at least p = 2^255 - 19
/// (RFC 8032 5.1.3 requires decoding to fail).
pub(super) fn non_canonical(x: &[u8; 32]) -> bool {
    // p in little-endian is ed ff .. ff 7f; y >= p iff bytes 1..31 are all ff,
    // byte 31 (without the sign bit) is 7f and byte 0 is ed or more.
    x[1..31].iter().all(|b| *b == 0xff) && x[31] & 0x7f == 0x7f && x[0] >= 0xed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::{b64url_decode, b64url_encode};

    /// Arithmetic modulo p = 2^255 - 19 on big integers, for deriving the
    /// small-order points independently of the table.
    mod field {
        use simple_asn1::BigUint;

        pub fn p() -> BigUint {
            (BigUint::from(1u8) << 255u32) - BigUint::from(19u8)
        }
        pub fn add(a: &BigUint, b: &BigUint) -> BigUint {
            (a + b) % p()
        }
        pub fn sub(a: &BigUint, b: &BigUint) -> BigUint {
            (a + p() - b % p()) % p()
        }
        pub fn mul(a: &BigUint, b: &BigUint) -> BigUint {
            (a * b) % p()
        }
        pub fn inv(a: &BigUint) -> BigUint {
            a.modpow(&(p() - BigUint::from(2u8)), &p())
        }
        /// d = -121665 / 121666, the Edwards25519 constant.
        pub fn d() -> BigUint {
            sub(
                &BigUint::from(0u8),
                &mul(&BigUint::from(121665u32), &inv(&BigUint::from(121666u32))),
            )
        }
        /// A square root of a, if there is one (p = 5 mod 8).
        pub fn sqrt(a: &BigUint) -> Option<BigUint> {
            let mut x = a.modpow(&((p() + BigUint::from(3u8)) >> 3u32), &p());
            if mul(&x, &x) != a % p() {
                let i = BigUint::from(2u8).modpow(&((p() - BigUint::from(1u8)) >> 2u32), &p());
                x = mul(&x, &i);
            }
            (mul(&x, &x) == a % p()).then_some(x)
        }
    }

    type Point = (simple_asn1::BigUint, simple_asn1::BigUint);

    /// Decode an Ed25519 point the lenient way (y taken modulo p, x = 0 with
    /// either sign), as a verifier that does not check canonicity does.
    fn decode_point(bytes: &[u8; 32]) -> Option<Point> {
        use simple_asn1::BigUint;
        let sign = bytes[31] >> 7;
        let mut y = *bytes;
        y[31] &= 0x7f;
        let y = BigUint::from_bytes_le(&y) % field::p();
        let one = BigUint::from(1u8);
        let yy = field::mul(&y, &y);
        let x2 = field::mul(
            &field::sub(&yy, &one),
            &field::inv(&field::add(&field::mul(&field::d(), &yy), &one)),
        );
        let mut x = field::sqrt(&x2)?;
        if x != BigUint::from(0u8) && (x.to_bytes_le()[0] & 1) != sign {
            x = field::p() - x;
        }
        Some((x, y))
    }

    /// Edwards addition on -x^2 + y^2 = 1 + d x^2 y^2 (complete on Ed25519).
    fn add_points(a: &Point, b: &Point) -> Point {
        use simple_asn1::BigUint;
        let one = BigUint::from(1u8);
        let t = field::mul(
            &field::d(),
            &field::mul(&field::mul(&a.0, &b.0), &field::mul(&a.1, &b.1)),
        );
        let x = field::mul(
            &field::add(&field::mul(&a.0, &b.1), &field::mul(&a.1, &b.0)),
            &field::inv(&field::add(&one, &t)),
        );
        let y = field::mul(
            &field::add(&field::mul(&a.1, &b.1), &field::mul(&a.0, &b.0)),
            &field::inv(&field::sub(&one, &t)),
        );
        (x, y)
    }

    /// Every encoding a lenient decoder maps to the point: y and y + p when
    /// that still fits in 255 bits, with the sign bit of x (both when x = 0).
    fn encodings(point: &Point) -> Vec<[u8; 32]> {
        use simple_asn1::BigUint;
        let (x, y) = point;
        let mut out = Vec::new();
        for y in [y.clone(), y + field::p()] {
            if y >= BigUint::from(1u8) << 255u32 {
                continue;
            }
            let mut bytes = [0u8; 32];
            let le = y.to_bytes_le();
            bytes[..le.len()].copy_from_slice(&le);
            let zero = *x == BigUint::from(0u8);
            let odd = !zero && x.to_bytes_le()[0] & 1 == 1;
            if zero || !odd {
                out.push(bytes);
            }
            if zero || odd {
                bytes[31] |= 0x80;
                out.push(bytes);
            }
        }
        out
    }

    /// The table is exactly the encodings of Ed25519's eight torsion points:
    /// each listed encoding decodes to a point P with [8]P = identity, they
    /// make eight distinct points (the whole torsion subgroup, as the group
    /// order is 8 times a prime), and every encoding of those points is refused.
    #[test]
    fn small_order_table_matches_an_independent_derivation() {
        use simple_asn1::BigUint;
        let identity: Point = (BigUint::from(0u8), BigUint::from(1u8));
        let mut points: Vec<Point> = Vec::new();
        for listed in SMALL_ORDER {
            for sign in [0, 0x80] {
                let mut bytes = listed;
                bytes[31] |= sign;
                let p = decode_point(&bytes).expect("a listed encoding is a curve point");
                let mut multiple = p.clone();
                for _ in 0..3 {
                    multiple = add_points(&multiple, &multiple);
                }
                assert_eq!(multiple, identity, "[8]P for {}", b64url_encode(bytes));
                if !points.contains(&p) {
                    points.push(p);
                }
            }
        }
        assert_eq!(points.len(), 8, "the whole torsion subgroup");
        let mut derived: Vec<[u8; 32]> = points.iter().flat_map(encodings).collect();
        derived.sort();
        derived.dedup();
        assert_eq!(derived.len(), 14);
        for encoding in &derived {
            assert!(small_order(encoding), "{}", b64url_encode(encoding));
        }
        // And nothing else is refused as small-order: the 7 table entries with
        // both sign bits are exactly the 14 derived encodings.
        let mut table: Vec<[u8; 32]> = SMALL_ORDER
            .iter()
            .flat_map(|e| {
                let mut signed = *e;
                signed[31] |= 0x80;
                [*e, signed]
            })
            .collect();
        table.sort();
        assert_eq!(table, derived);
        // The identity of the issue: 0x01 then 31 zero bytes.
        assert!(small_order(
            &b64url_decode("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .unwrap()
                .try_into()
                .unwrap()
        ));
    }
}
