//! Oracle for testdata/layout/rust/fixture.rs: prints rustc's own layout
//! facts, one JSON object per line, for every type the layout test checks.
//!
//! Built by ../build.sh against the fixture compiled as an rlib of the same
//! crate name (`--extern fixture=...`), so type paths are identical to the
//! DWARF of the committed binaries. Line format (see cmd/abidrift/layout_oracle_test.go):
//!
//!   {"lang":"rust","name":N,"kind":"struct|union|enum","size":S,"align":A,
//!    "fields":[{"name","offset","size","type"}],
//!    "tag":null | {"offset":O|null,"size":S|null,"niche":bool},
//!    "variants":[{"name","discr":exact-int|null,"samples":["hex"...],"fields":[...]}]}
//!
//! "tag": null means the enum has no tag (single-variant, uninhabited) or the
//! type is not an enum. A null tag offset/size means rustc does not guarantee
//! it; the test then relies on the sample bytes. "discr" is the exact value
//! when the language fixes it (fieldless enums, explicit repr), else null.
//! Each sample is the value's bytes in memory, two hex digits per byte, ".."
//! for a byte that is padding (it differed when the value was built over
//! 0x00- and 0xff-filled memory).
//!
//! Build with -C relocation-model=static (non-PIE): statics then have fixed
//! addresses and the pointer bytes in samples are reproducible.
#![allow(dead_code, unused_variables, unused_mut, unreachable_patterns, irrefutable_let_patterns)]

use fixture::*;
use std::any::type_name;
use std::fmt::Write as _;
use std::hint::black_box;
use std::mem::{align_of, size_of, ManuallyDrop, MaybeUninit};
use std::num::NonZeroU32;

// ---- output model -------------------------------------------------------------

struct F {
    name: String,
    off: usize,
    size: usize,
    ty: String,
}

struct V {
    name: String,
    discr: Option<String>,
    samples: Vec<Vec<Option<u8>>>,
    fields: Vec<F>,
}

struct Tag {
    off: Option<usize>,
    size: Option<usize>,
    niche: bool,
}

struct T {
    name: String,
    kind: &'static str,
    size: usize,
    align: usize,
    fields: Vec<F>,
    tag: Option<Tag>,
    variants: Vec<V>,
}

fn q(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => write!(o, "\\u{:04x}", c as u32).unwrap(),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn fields_json(fs: &[F]) -> String {
    let v: Vec<String> = fs
        .iter()
        .map(|f| {
            format!(
                "{{\"name\":{},\"offset\":{},\"size\":{},\"type\":{}}}",
                q(&f.name),
                f.off,
                f.size,
                q(&f.ty)
            )
        })
        .collect();
    format!("[{}]", v.join(","))
}

fn opt(v: Option<usize>) -> String {
    v.map_or("null".into(), |v| v.to_string())
}

impl T {
    fn print(&self) {
        let tag = match &self.tag {
            None => "null".to_string(),
            Some(t) => format!(
                "{{\"offset\":{},\"size\":{},\"niche\":{}}}",
                opt(t.off),
                opt(t.size),
                t.niche
            ),
        };
        let vs: Vec<String> = self
            .variants
            .iter()
            .map(|v| {
                let samples: Vec<String> = v.samples.iter().map(|s| q(&hex(s))).collect();
                format!(
                    "{{\"name\":{},\"discr\":{},\"samples\":[{}],\"fields\":{}}}",
                    q(&v.name),
                    v.discr.clone().unwrap_or("null".into()),
                    samples.join(","),
                    fields_json(&v.fields)
                )
            })
            .collect();
        println!(
            "{{\"lang\":\"rust\",\"name\":{},\"kind\":{},\"size\":{},\"align\":{},\"fields\":{},\"tag\":{},\"variants\":[{}]}}",
            q(&self.name),
            q(self.kind),
            self.size,
            self.align,
            fields_json(&self.fields),
            tag,
            vs.join(",")
        );
    }
}

// ---- helpers ----------------------------------------------------------------------

fn size_of_ptr<X>(_: *const X) -> usize {
    size_of::<X>()
}
fn name_of_ptr<X: ?Sized>(_: *const X) -> &'static str {
    type_name::<X>()
}

/// The DWARF name of X: `type_name`, except that DWARF spells out default
/// generic arguments (the allocator of Box, Vec, String...).
fn dwarf_name<X: ?Sized>() -> String {
    dwarf_spelling(type_name::<X>())
}

fn dwarf_spelling(n: &str) -> String {
    // DWARF names carry no lifetimes.
    n.replace("<'_>", "").replace("<'static>", "").replace("&'_ ", "&").replace("&'static ", "&")
        .replace("alloc::boxed::Box<dyn fixture::Speak>", "alloc::boxed::Box<dyn fixture::Speak, alloc::alloc::Global>")
        .replace("alloc::boxed::Box<fixture::Node>", "alloc::boxed::Box<fixture::Node, alloc::alloc::Global>")
}

fn field_name(tt: &str) -> String {
    if tt.chars().all(|c| c.is_ascii_digit()) {
        format!("__{tt}")
    } else {
        tt.to_string()
    }
}

#[inline(never)]
fn scribble(b: u8) {
    let mut a = [b; 1 << 16];
    black_box(&mut a);
}

#[inline(never)]
fn build_into<X>(dst: *mut X, f: fn(*mut X)) {
    f(dst)
}

/// Builds a sample over memory (and stack) filled with 0x00 and with 0xff
/// and returns its bytes, ".." where the two differ (padding, or payload
/// bytes the variant leaves unwritten). The maker assigns the value in place
/// (`*p = value`, so rustc writes only the tag and the variant's fields) or,
/// for a type with drop glue, moves it in from a temporary on the scribbled
/// stack. Samples are never dropped (some own statics via Box::from_raw).
fn sample_bytes<X>(f: fn(*mut X)) -> Vec<Option<u8>> {
    let mut runs = Vec::new();
    for fill in [0x00u8, 0xff, 0x5a] {
        let mut m: ManuallyDrop<MaybeUninit<X>> = ManuallyDrop::new(MaybeUninit::uninit());
        unsafe { std::ptr::write_bytes(m.as_mut_ptr() as *mut u8, fill, size_of::<X>()) };
        scribble(fill);
        build_into(m.as_mut_ptr(), f);
        let p = m.as_ptr() as *const u8;
        let bytes: Vec<u8> = (0..size_of::<X>()).map(|i| unsafe { p.add(i).read_volatile() }).collect();
        runs.push(bytes);
    }
    (0..size_of::<X>())
        .map(|i| if runs.iter().all(|r| r[i] == runs[0][i]) { Some(runs[0][i]) } else { None })
        .collect()
}

fn hex(b: &[Option<u8>]) -> String {
    b.iter().map(|b| b.map_or("..".to_string(), |b| format!("{b:02x}"))).collect()
}

fn f(name: &str, off: usize, size: usize, ty: &str) -> F {
    F { name: name.into(), off, size, ty: dwarf_spelling(ty) }
}

/// Fields of a struct, union or tuple, by address arithmetic on an
/// uninitialised value (addr_of! works on packed fields).
macro_rules! fields {
    ($t:ty; $($fl:tt),* $(,)?) => {{
        let m = MaybeUninit::<$t>::uninit();
        let p = m.as_ptr();
        let mut v: Vec<F> = Vec::new();
        $(
            #[allow(unused_unsafe)]
            let fp = unsafe { std::ptr::addr_of!((*p).$fl) };
            v.push(f(&field_name(stringify!($fl)), fp as usize - p as usize, size_of_ptr(fp), name_of_ptr(fp)));
        )*
        v
    }};
}

fn agg<X>(kind: &'static str, fields: Vec<F>) -> T {
    T {
        name: dwarf_name::<X>(),
        kind,
        size: size_of::<X>(),
        align: align_of::<X>(),
        fields,
        tag: None,
        variants: vec![],
    }
}

macro_rules! strukt {
    ($t:ty; $($fl:tt),* $(,)?) => { agg::<$t>("struct", fields!($t; $($fl),*)).print() };
}
macro_rules! union {
    ($t:ty; $($fl:tt),* $(,)?) => { agg::<$t>("union", fields!($t; $($fl),*)).print() };
}

/// One enum variant: its exact discriminant (or None), sample values, and
/// the pattern that binds its fields by reference (offsets are measured on
/// the first sample).
macro_rules! var {
    ($t:ty, $vname:expr, $discr:expr, [$($val:expr),+ $(,)?], $pat:pat => [$($fname:literal $fid:ident),* $(,)?]) => {{
        let makers: Vec<fn(*mut $t)> = vec![$(|p: *mut $t| unsafe {
            if std::mem::needs_drop::<$t>() { p.write($val) } else { *p = $val }
        }),+];
        let samples: Vec<Vec<Option<u8>>> = makers.iter().map(|m| sample_bytes(*m)).collect();
        let mut v: ManuallyDrop<MaybeUninit<$t>> = ManuallyDrop::new(MaybeUninit::uninit());
        makers[0](v.as_mut_ptr());
        let r: &$t = unsafe { v.assume_init_ref() };
        let base = r as *const $t as usize;
        let mut fields: Vec<F> = Vec::new();
        match r {
            $pat => { $( fields.push(f($fname, $fid as *const _ as usize - base, std::mem::size_of_val($fid), std::any::type_name_of_val($fid))); )* }
            _ => panic!("first sample of {} is not variant {}", type_name::<$t>(), $vname),
        }
        let discr: Option<String> = $discr;
        V { name: $vname.into(), discr, samples, fields }
    }};
}

/// Prints an enum. The tag is found from the samples: the bytes a variant's
/// samples determine outside that variant's own fields. It is a niche when
/// some variant's fields cover those bytes. `want` is what the language
/// guarantees (or what the fixture is built to produce); the found tag must agree.
fn enm<X>(want: Option<Tag>, variants: Vec<V>) {
    let size = size_of::<X>();
    let mut tagbytes = vec![false; size];
    for v in &variants {
        let mut covered = vec![false; size];
        for f in &v.fields {
            for i in f.off..f.off + f.size {
                covered[i] = true;
            }
        }
        for s in &v.samples {
            for i in 0..size {
                if s[i].is_some() && !covered[i] {
                    tagbytes[i] = true;
                }
            }
        }
    }
    let idx: Vec<usize> = (0..size).filter(|&i| tagbytes[i]).collect();
    let found = if idx.is_empty() {
        None
    } else {
        let (lo, hi) = (idx[0], *idx.last().unwrap());
        assert_eq!(idx.len(), hi - lo + 1, "{}: tag bytes {:?} are not contiguous", type_name::<X>(), idx);
        let niche = variants.iter().any(|v| v.fields.iter().any(|f| f.off <= hi && lo < f.off + f.size.max(1) && f.size > 0));
        Some(Tag { off: Some(lo), size: Some(hi - lo + 1), niche })
    };
    match (&want, &found) {
        (None, None) => {}
        (Some(w), Some(g)) => {
            let ok = w.off.map_or(true, |o| Some(o) == g.off) && w.size.map_or(true, |s| Some(s) == g.size) && w.niche == g.niche;
            assert!(ok, "{}: expected tag {:?}/{:?}/{} but the samples show {:?}/{:?}/{}", type_name::<X>(), w.off, w.size, w.niche, g.off, g.size, g.niche);
        }
        _ => panic!("{}: expected tag {} but the samples show {}", type_name::<X>(), want.is_some(), found.is_some()),
    }
    let mut t = agg::<X>("enum", vec![]);
    t.tag = found;
    t.variants = variants;
    t.print();
}

fn tag(off: usize, size: usize, niche: bool) -> Option<Tag> {
    Some(Tag { off: Some(off), size: Some(size), niche })
}

fn d<I: ToString>(i: I) -> Option<String> {
    Some(i.to_string())
}

/// A fieldless enum: the tag is the whole value at offset 0, discriminants exact.
macro_rules! fieldless {
    ($t:ty as $int:ty; $($v:ident),+ $(,)?) => {{
        let vs = vec![$( var!($t, stringify!($v), d(<$t>::$v as $int), [<$t>::$v], _ => []) ),+];
        enm::<$t>(tag(0, size_of::<$t>(), false), vs);
    }};
}

// Fat pointers: find which word holds the data address.
fn fat<X>(name_ptr: &str, ty_ptr: &str, name_meta: &str, ty_meta: &str, v: &X, addr: usize) -> Vec<F> {
    assert_eq!(size_of::<X>(), 16);
    let p = v as *const X as *const usize;
    let w0 = unsafe { p.read() };
    let (po, mo) = if w0 == addr { (0, 8) } else { (8, 0) };
    assert_eq!(unsafe { *(p as *const u8).add(po).cast::<usize>() }, addr);
    let mut fs = vec![f(name_ptr, po, 8, ty_ptr), f(name_meta, mo, 8, ty_meta)];
    fs.sort_by_key(|f| f.off);
    fs
}

struct Quiet;
impl Speak for Quiet {
    fn speak(&self) -> u32 {
        0
    }
}

static DOG: Dog = Dog { id: 1 };
static WORDS: [u32; 3] = [1, 2, 3];
static mut NODE: Node = Node { val: 9, next: None };

fn node_box() -> Box<Node> {
    // Never dropped (samples are ManuallyDrop): a Box with a fixed address.
    unsafe { Box::from_raw(std::ptr::addr_of_mut!(NODE)) }
}

fn main() {
    // ---- structs ----
    strukt!(Reorder; a, b, c);
    strukt!(CHoles; a, b, c, d, e);
    strukt!(Packed; a, b, c, d);
    strukt!(Packed2; a, b, c);
    strukt!(Aligned16; a, b);
    strukt!(CAligned32; x, y);
    strukt!(HoldsAligned; tag, inner, tail);
    strukt!(Scalars; c, flag, big, ubig, f, d, u, i);
    strukt!(Arrays; bytes, grid, none, words, flags);
    strukt!(Slices<'static>; s, sl, d, b, raw, m);
    strukt!(Callbacks; c, r, maybe, unit);
    strukt!(Pair<u8>; first, second, tag);
    strukt!(Pair<u64>; first, second, tag);
    strukt!(Node; val, next);
    strukt!(Unit;);
    strukt!(EmptyBraces;);
    strukt!(WithZst; a, z, p, e, b);
    strukt!(Meters; 0);
    strukt!(Wrapper; 0);
    strukt!(TupleStruct; 0, 1, 2);
    strukt!(HasTuple; t, u);
    strukt!((u8, u32, u16); 0, 1, 2);
    strukt!((u64, bool); 0, 1);
    strukt!(Four; a, b, c, flag);
    strukt!(Cfg; id, name);
    strukt!(Dog; id);
    strukt!(Holder; opt_ref, opt_bool, opt_char, opt_opt, res, opt_u32, opt_nz, opt_box, p8, p64, opt_ord, opt_str,
        opt_string, res_box);

    // fat pointers (rustc's own member names: data_ptr/length, pointer/vtable)
    {
        let s: &'static str = "hello";
        agg::<&str>("struct", fat("data_ptr", "*const u8", "length", "usize", &s, s.as_ptr() as usize)).print();
        let sl: &'static [u32] = &WORDS;
        agg::<&[u32]>("struct", fat("data_ptr", "*const u32", "length", "usize", &sl, WORDS.as_ptr() as usize)).print();
        let dy: &'static dyn Speak = &DOG;
        let fs = fat("pointer", "*const dyn fixture::Speak", "vtable", "&[usize; 5]", &dy, &DOG as *const Dog as usize);
        agg::<&dyn Speak>("struct", fs).print();
        let bx: ManuallyDrop<Box<dyn Speak>> = ManuallyDrop::new(Box::new(Quiet));
        let addr = &**bx as *const dyn Speak as *const u8 as usize;
        let fs = fat("pointer", "*const dyn fixture::Speak", "vtable", "&[usize; 5]", &*bx, addr);
        agg::<Box<dyn Speak>>("struct", fs).print();
    }

    // ---- unions ----
    union!(CUnion; i, f, b);
    union!(RustUnion; a, b, c);

    // ---- fieldless enums ----
    fieldless!(Color as isize; Red, Green, Blue);
    fieldless!(Small as u8; A, B, C);
    fieldless!(Tiny as i8; Min, MinusOne, Max);
    fieldless!(I32Enum as i32; Min, Neg, Max);
    fieldless!(Signed64 as i64; Neg, Zero, Pos, Min, Max);
    fieldless!(Unsigned64 as u64; Lo, Hi);
    fieldless!(Wide as i128; VeryNeg, MinusOne, Big, Min);
    fieldless!(UWide as u128; Zero, Top, Max, Mid);
    // Zero-sized: one variant, no tag to store.
    enm::<Lonely>(None, vec![var!(Lonely, "Alone", None, [Lonely::Alone], Lonely::Alone => [])]);
    enm::<Never>(None, vec![]);

    // ---- enums with data ----
    enm::<Shape>(
        Some(Tag { off: None, size: None, niche: false }),
        vec![
            var!(Shape, "Circle", None, [Shape::Circle(1.5)], Shape::Circle(r) => ["__0" r]),
            var!(Shape, "Rect", None, [Shape::Rect { w: 3, h: 4 }], Shape::Rect { w, h } => ["w" w, "h" h]),
            var!(Shape, "Empty", None, [Shape::Empty], Shape::Empty => []),
            var!(Shape, "Tri", None, [Shape::Tri(1, 2, 3)], Shape::Tri(a, b, c) => ["__0" a, "__1" b, "__2" c]),
        ],
    );
    enm::<Msg>(
        tag(0, 1, false),
        vec![
            var!(Msg, "Quit", d(1), [Msg::Quit], Msg::Quit => []),
            var!(Msg, "Move", d(5), [Msg::Move { x: -1, y: 2 }], Msg::Move { x, y } => ["x" x, "y" y]),
            var!(Msg, "Write", d(9), [Msg::Write(0xabcd)], Msg::Write(w) => ["__0" w]),
            var!(Msg, "Big", d(250), [Msg::Big(u64::MAX)], Msg::Big(b) => ["__0" b]),
        ],
    );
    enm::<Signed16Data>(
        tag(0, 2, false),
        vec![
            var!(Signed16Data, "Neg", d(-3), [Signed16Data::Neg(0x11)], Signed16Data::Neg(a) => ["__0" a]),
            var!(Signed16Data, "Pos", d(300), [Signed16Data::Pos(0x22)], Signed16Data::Pos(a) => ["__0" a]),
        ],
    );
    enm::<I64Data>(
        tag(0, 8, false),
        vec![
            var!(I64Data, "Neg", d(-5), [I64Data::Neg(0x11)], I64Data::Neg(a) => ["__0" a]),
            var!(I64Data, "Min", d(i64::MIN), [I64Data::Min], I64Data::Min => []),
            var!(I64Data, "Pos", d(7), [I64Data::Pos(0x22)], I64Data::Pos(a) => ["__0" a]),
        ],
    );
    enm::<U64Data>(
        tag(0, 8, false),
        vec![
            var!(U64Data, "High", d(0xFFFF_FFFF_FFFF_FFF0u64), [U64Data::High(0x11)], U64Data::High(a) => ["__0" a]),
            var!(U64Data, "One", d(1), [U64Data::One], U64Data::One => []),
        ],
    );
    enm::<U128Data>(
        tag(0, 16, false),
        vec![
            var!(U128Data, "Huge", d(1u128 << 100), [U128Data::Huge(0x1234)], U128Data::Huge(a) => ["__0" a]),
            var!(U128Data, "Max", d(u128::MAX), [U128Data::Max], U128Data::Max => []),
        ],
    );
    enm::<I128Data>(
        tag(0, 16, false),
        vec![
            var!(I128Data, "VeryNeg", d(-(1i128 << 100)), [I128Data::VeryNeg(0x11)], I128Data::VeryNeg(a) => ["__0" a]),
            var!(I128Data, "Zero", d(0), [I128Data::Zero], I128Data::Zero => []),
        ],
    );
    enm::<CData>(
        tag(0, size_of::<std::ffi::c_int>(), false),
        vec![
            var!(CData, "A", d(0), [CData::A(0x11)], CData::A(a) => ["__0" a]),
            var!(CData, "B", d(1), [CData::B(0x22)], CData::B(b) => ["__0" b]),
            var!(CData, "C", d(2), [CData::C], CData::C => []),
        ],
    );
    enm::<CU8Data>(
        tag(0, 1, false),
        vec![
            var!(CU8Data, "X", d(0), [CU8Data::X(0x1234)], CU8Data::X(x) => ["__0" x]),
            var!(CU8Data, "Y", d(1), [CU8Data::Y { a: 5, b: 6 }], CU8Data::Y { a, b } => ["a" a, "b" b]),
        ],
    );
    // Niche at offset 3: Four is repr(C) and only its bool (at 3) has invalid values.
    assert_eq!(size_of::<AtThree>(), 4);
    enm::<AtThree>(
        tag(3, 1, true),
        vec![
            var!(AtThree, "Data", None,
                [AtThree::Data(Four { a: 1, b: 2, c: 3, flag: true }), AtThree::Data(Four { a: 0xff, b: 0xff, c: 0xff, flag: false })],
                AtThree::Data(x) => ["__0" x]),
            var!(AtThree, "Nothing", None, [AtThree::Nothing], AtThree::Nothing => []),
            var!(AtThree, "Other", None, [AtThree::Other], AtThree::Other => []),
        ],
    );
    {
        // The niche is the bool of V, wherever rustc put it.
        assert!(size_of::<Tail>() < 1 + size_of::<(u64, bool, [u8; 7])>());
        let t = Tail::V(0, false, [0; 7]);
        let off = match &t {
            Tail::V(_, b, _) => b as *const bool as usize - &t as *const Tail as usize,
            _ => unreachable!(),
        };
        enm::<Tail>(
            tag(off, 1, true),
            vec![
                var!(Tail, "V", None, [Tail::V(u64::MAX, true, [0xee; 7]), Tail::V(0, false, [0; 7])],
                    Tail::V(a, b, c) => ["__0" a, "__1" b, "__2" c]),
                var!(Tail, "W", None, [Tail::W], Tail::W => []),
            ],
        );
    }
    // Tagged and niche layouts have the same size here; rustc keeps a tag.
    enm::<TaggedBool>(
        Some(Tag { off: None, size: None, niche: false }),
        vec![
            var!(TaggedBool, "V", None, [TaggedBool::V(u64::MAX, true), TaggedBool::V(0, false)], TaggedBool::V(a, b) => ["__0" a, "__1" b]),
            var!(TaggedBool, "W", None, [TaggedBool::W], TaggedBool::W => []),
        ],
    );
    assert_eq!(size_of::<ManyNiche>(), 1);
    enm::<ManyNiche>(
        tag(0, 1, true),
        vec![
            var!(ManyNiche, "Data", None, [ManyNiche::Data(false), ManyNiche::Data(true)], ManyNiche::Data(b) => ["__0" b]),
            var!(ManyNiche, "A", None, [ManyNiche::A], ManyNiche::A => []),
            var!(ManyNiche, "B", None, [ManyNiche::B], ManyNiche::B => []),
            var!(ManyNiche, "C", None, [ManyNiche::C], ManyNiche::C => []),
        ],
    );
    assert_eq!(size_of::<Mid>(), 1);
    enm::<Mid>(
        tag(0, 1, true),
        vec![
            var!(Mid, "A", None, [Mid::A], Mid::A => []),
            var!(Mid, "B", None, [Mid::B(false), Mid::B(true)], Mid::B(b) => ["__0" b]),
            var!(Mid, "C", None, [Mid::C], Mid::C => []),
        ],
    );
    fieldless!(High as u8; A, B);
    assert_eq!(size_of::<WrapNiche>(), 1);
    enm::<WrapNiche>(
        tag(0, 1, true),
        vec![
            var!(WrapNiche, "X", None, [WrapNiche::X(High::A), WrapNiche::X(High::B)], WrapNiche::X(h) => ["__0" h]),
            var!(WrapNiche, "Y", None, [WrapNiche::Y], WrapNiche::Y => []),
            var!(WrapNiche, "Z", None, [WrapNiche::Z], WrapNiche::Z => []),
        ],
    );
    fieldless!(TopI8 as i8; A, B);
    assert_eq!(size_of::<NegNiche>(), 1);
    enm::<NegNiche>(
        tag(0, 1, true),
        vec![
            var!(NegNiche, "X", None, [NegNiche::X(TopI8::A), NegNiche::X(TopI8::B)], NegNiche::X(h) => ["__0" h]),
            var!(NegNiche, "Y", None, [NegNiche::Y], NegNiche::Y => []),
            var!(NegNiche, "Z", None, [NegNiche::Z], NegNiche::Z => []),
        ],
    );
    enm::<Only>(None, vec![var!(Only, "One", None, [Only::One(7, 8)], Only::One(a, b) => ["__0" a, "__1" b])]);

    // ---- std enums, niche-optimised ----
    // Option<&T>: guaranteed pointer-sized, None is null.
    enm::<Option<&'static Cfg>>(
        tag(0, 8, true),
        vec![
            var!(Option<&'static Cfg>, "None", None, [None], None => []),
            var!(Option<&'static Cfg>, "Some", None, [Some(&CFG)], Some(r) => ["__0" r]),
        ],
    );
    assert_eq!(size_of::<Option<bool>>(), 1);
    enm::<Option<bool>>(
        tag(0, 1, true),
        vec![
            var!(Option<bool>, "None", None, [None], None => []),
            var!(Option<bool>, "Some", None, [Some(false), Some(true)], Some(b) => ["__0" b]),
        ],
    );
    assert_eq!(size_of::<Option<char>>(), 4);
    enm::<Option<char>>(
        tag(0, 4, true),
        vec![
            var!(Option<char>, "None", None, [None], None => []),
            var!(Option<char>, "Some", None, [Some('\0'), Some('\u{10FFFF}'), Some('é')], Some(c) => ["__0" c]),
        ],
    );
    assert_eq!(size_of::<Option<Option<bool>>>(), 1);
    enm::<Option<Option<bool>>>(
        tag(0, 1, true),
        vec![
            var!(Option<Option<bool>>, "None", None, [None], None => []),
            var!(Option<Option<bool>>, "Some", None, [Some(None), Some(Some(false)), Some(Some(true))], Some(o) => ["__0" o]),
        ],
    );
    // Result<u32, String>: the niche is in String (capacity); where is unspecified.
    assert_eq!(size_of::<Result<u32, String>>(), size_of::<String>());
    enm::<Result<u32, String>>(
        Some(Tag { off: None, size: None, niche: true }),
        vec![
            var!(Result<u32, String>, "Ok", None, [Ok(0), Ok(u32::MAX)], Ok(v) => ["__0" v]),
            var!(Result<u32, String>, "Err", None, [Err(String::new())], Err(e) => ["__0" e]),
        ],
    );
    enm::<Option<u32>>(
        Some(Tag { off: None, size: None, niche: false }),
        vec![
            var!(Option<u32>, "None", None, [None], None => []),
            var!(Option<u32>, "Some", None, [Some(0), Some(u32::MAX)], Some(v) => ["__0" v]),
        ],
    );
    assert_eq!(size_of::<Option<NonZeroU32>>(), 4);
    enm::<Option<NonZeroU32>>(
        tag(0, 4, true),
        vec![
            var!(Option<NonZeroU32>, "None", None, [None], None => []),
            var!(Option<NonZeroU32>, "Some", None, [NonZeroU32::new(1), NonZeroU32::new(u32::MAX)], Some(v) => ["__0" v]),
        ],
    );
    assert_eq!(size_of::<Option<std::cmp::Ordering>>(), 1);
    enm::<Option<std::cmp::Ordering>>(
        tag(0, 1, true),
        vec![
            var!(Option<std::cmp::Ordering>, "None", None, [None], None => []),
            var!(Option<std::cmp::Ordering>, "Some", None,
                [Some(std::cmp::Ordering::Less), Some(std::cmp::Ordering::Equal), Some(std::cmp::Ordering::Greater)],
                Some(o) => ["__0" o]),
        ],
    );
    // Option<&str>: None is a null data pointer (wherever rustc put it).
    enm::<Option<&'static str>>(
        Some(Tag { off: None, size: Some(8), niche: true }),
        vec![
            var!(Option<&'static str>, "None", None, [None], None => []),
            var!(Option<&'static str>, "Some", None, [Some("hi"), Some("")], Some(s) => ["__0" s]),
        ],
    );
    assert_eq!(size_of::<Option<String>>(), size_of::<String>());
    enm::<Option<String>>(
        Some(Tag { off: None, size: None, niche: true }),
        vec![
            var!(Option<String>, "None", None, [None], None => []),
            var!(Option<String>, "Some", None, [Some(String::new())], Some(s) => ["__0" s]),
        ],
    );
    assert_eq!(size_of::<Result<(), Box<dyn Speak>>>(), 16);
    enm::<Result<(), Box<dyn Speak>>>(
        Some(Tag { off: None, size: Some(8), niche: true }),
        vec![
            var!(Result<(), Box<dyn Speak>>, "Ok", None, [Ok(())], Ok(u) => ["__0" u]),
            var!(Result<(), Box<dyn Speak>>, "Err", None, [Err(Box::new(Quiet))], Err(b) => ["__0" b]),
        ],
    );
    enm::<Option<Box<Node>>>(
        tag(0, 8, true),
        vec![
            var!(Option<Box<Node>>, "None", None, [None], None => []),
            var!(Option<Box<Node>>, "Some", None, [Some(node_box())], Some(b) => ["__0" b]),
        ],
    );
    enm::<Option<extern "C" fn(i32) -> i32>>(
        tag(0, 8, true),
        vec![
            var!(Option<extern "C" fn(i32) -> i32>, "None", None, [None], None => []),
            var!(Option<extern "C" fn(i32) -> i32>, "Some", None, [Some(cb)], Some(p) => ["__0" p]),
        ],
    );
}

extern "C" fn cb(x: i32) -> i32 {
    x
}
