//! abidrift layout fixture: one Rust type per layout feature.
//!
//! Built by ../build.sh as a `dylib` and a `cdylib` (crate name `fixture`);
//! oracle.rs links against the same source compiled as an rlib and prints
//! rustc's own sizes, alignments, offsets and variant bytes for every type.
//! Every type is handed to a `#[no_mangle] extern "C"` function (see the
//! `touch!` list at the end), so it reaches the DWARF of the cdylib too.
#![allow(dead_code, improper_ctypes_definitions, clippy::all)]

use std::marker::PhantomData;
use std::num::NonZeroU32;

// ---- structs -------------------------------------------------------------

/// repr(Rust): rustc reorders u8, u64, u16 to b@0, c@8, a@10.
pub struct Reorder {
    pub a: u8,
    pub b: u64,
    pub c: u16,
}

/// repr(C) with holes after a, c and trailing padding after e.
#[repr(C)]
pub struct CHoles {
    pub a: u8,
    pub b: u32,
    pub c: u8,
    pub d: u64,
    pub e: u16,
}

/// repr(C, packed): fields at unaligned offsets, align 1.
#[repr(C, packed)]
pub struct Packed {
    pub a: u8,
    pub b: u32,
    pub c: u16,
    pub d: u64,
}

/// repr(C, packed(2)).
#[repr(C, packed(2))]
pub struct Packed2 {
    pub a: u8,
    pub b: u64,
    pub c: u8,
}

/// repr(align(16)) on a repr(Rust) struct.
#[repr(align(16))]
pub struct Aligned16 {
    pub a: u8,
    pub b: u32,
}

/// repr(C, align(32)) with a u8 at the end.
#[repr(C, align(32))]
pub struct CAligned32 {
    pub x: u64,
    pub y: u8,
}

/// A struct whose field is an over-aligned struct.
pub struct HoldsAligned {
    pub tag: u8,
    pub inner: Aligned16,
    pub tail: u16,
}

/// Scalars: char (DW_ATE_UTF), bool, 128-bit integers (align 16), floats.
pub struct Scalars {
    pub c: char,
    pub flag: bool,
    pub big: i128,
    pub ubig: u128,
    pub f: f32,
    pub d: f64,
    pub u: usize,
    pub i: isize,
}

/// Arrays, including a nested one and a zero-length one.
pub struct Arrays {
    pub bytes: [u8; 5],
    pub grid: [[u16; 3]; 2],
    pub none: [u64; 0],
    pub words: [u32; 3],
    pub flags: [bool; 2],
}

/// Fat pointers as fields.
pub struct Slices<'a> {
    pub s: &'a str,
    pub sl: &'a [u32],
    pub d: &'a dyn Speak,
    pub b: Box<dyn Speak>,
    pub raw: *const u8,
    pub m: &'a mut u64,
}

/// Function pointers: the ABI string only survives in the pointer type's name.
pub struct Callbacks {
    pub c: extern "C" fn(i32) -> i32,
    pub r: fn(&str) -> usize,
    pub maybe: Option<extern "C" fn(i32) -> i32>,
    pub unit: fn(),
}

/// A generic struct, instantiated as Pair<u8> and Pair<u64>.
pub struct Pair<T> {
    pub first: T,
    pub second: T,
    pub tag: u16,
}

/// Self-referential list node.
pub struct Node {
    pub val: i32,
    pub next: Option<Box<Node>>,
}

/// Zero-sized types and a struct holding them.
pub struct Unit;
pub struct EmptyBraces {}
pub struct WithZst {
    pub a: u32,
    pub z: Unit,
    pub p: PhantomData<u64>,
    pub e: EmptyBraces,
    pub b: u8,
}

/// Newtype and repr(transparent).
pub struct Meters(pub f64);
#[repr(transparent)]
pub struct Wrapper(pub u32);

/// A tuple struct with reordering.
pub struct TupleStruct(pub u8, pub u32, pub u16);

/// A struct holding a tuple (so `(u8, u32, u16)` is in the DWARF).
pub struct HasTuple {
    pub t: (u8, u32, u16),
    pub u: (u64, bool),
}

// ---- unions ---------------------------------------------------------------

#[repr(C)]
#[derive(Clone, Copy)]
pub union CUnion {
    pub i: u32,
    pub f: f64,
    pub b: [u8; 3],
}

#[derive(Clone, Copy)]
pub union RustUnion {
    pub a: u16,
    pub b: (u8, u8, u8),
    pub c: u64,
}

// ---- traits for dyn ----------------------------------------------------------

pub trait Speak {
    fn speak(&self) -> u32;
    fn volume(&self) -> u8 {
        7
    }
}

pub struct Dog {
    pub id: u32,
}

impl Speak for Dog {
    fn speak(&self) -> u32 {
        self.id
    }
}

// ---- fieldless enums --------------------------------------------------------

pub enum Color {
    Red,
    Green,
    Blue,
}

#[repr(u8)]
pub enum Small {
    A = 1,
    B = 200,
    C = 255,
}

#[repr(i8)]
pub enum Tiny {
    Min = -128,
    MinusOne = -1,
    Max = 127,
}

#[repr(i32)]
pub enum I32Enum {
    Min = i32::MIN,
    Neg = -2,
    Max = i32::MAX,
}

#[repr(i64)]
pub enum Signed64 {
    Neg = -5,
    Zero = 0,
    Pos = 7,
    Min = i64::MIN,
    Max = i64::MAX,
}

#[repr(u64)]
pub enum Unsigned64 {
    Lo = 1,
    Hi = 0xFFFF_FFFF_FFFF_FFF0,
}

#[repr(i128)]
pub enum Wide {
    VeryNeg = -(1 << 100),
    MinusOne = -1,
    Big = 1 << 90,
    Min = i128::MIN,
}

#[repr(u128)]
pub enum UWide {
    Zero = 0,
    Top = 1 << 127,
    Max = u128::MAX,
    Mid = 0x1234_5678_9abc_def0_0fed_cba9_8765_4321,
}

/// A fieldless enum with a single variant (zero-sized).
pub enum Lonely {
    Alone,
}

// ---- enums with data -----------------------------------------------------------

/// Tagged, default repr.
pub enum Shape {
    Circle(f64),
    Rect { w: u32, h: u32 },
    Empty,
    Tri(u8, u16, u8),
}

/// Explicit repr(u8) with explicit discriminants.
#[repr(u8)]
pub enum Msg {
    Quit = 1,
    Move { x: i32, y: i32 } = 5,
    Write(u16) = 9,
    Big(u64) = 250,
}

/// repr(i16) data enum with a negative discriminant.
#[repr(i16)]
pub enum Signed16Data {
    Neg(u8) = -3,
    Pos(u32) = 300,
}

/// 64- and 128-bit tags on data enums (DW_AT_discr_value as data1/data8/block).
#[repr(i64)]
pub enum I64Data {
    Neg(u32) = -5,
    Min = i64::MIN,
    Pos(u8) = 7,
}

#[repr(u64)]
pub enum U64Data {
    High(u8) = 0xFFFF_FFFF_FFFF_FFF0,
    One = 1,
}

#[repr(u128)]
pub enum U128Data {
    Huge(u16) = 1 << 100,
    Max = u128::MAX,
}

#[repr(i128)]
pub enum I128Data {
    VeryNeg(u8) = -(1 << 100),
    Zero = 0,
}

/// repr(C) data enum: a C int tag followed by a union of payloads.
#[repr(C)]
pub enum CData {
    A(u8),
    B(u64),
    C,
}

/// repr(C, u8) data enum.
#[repr(C, u8)]
pub enum CU8Data {
    X(u16),
    Y { a: u8, b: u32 },
}

/// Niche at offset 3: the bool of a repr(C) 4-byte payload.
#[repr(C)]
pub struct Four {
    pub a: u8,
    pub b: u8,
    pub c: u8,
    pub flag: bool,
}

pub enum AtThree {
    Data(Four),
    Nothing,
    Other,
}

/// Niche in a bool inside a payload (niche layout is smaller than tagged).
pub enum Tail {
    V(u64, bool, [u8; 7]),
    W,
}

/// Same-size tagged and niche layouts: rustc keeps the tag (u8 @0).
pub enum TaggedBool {
    V(u64, bool),
    W,
}

/// Several niche variants packed into one bool's invalid values.
pub enum ManyNiche {
    Data(bool),
    A,
    B,
    C,
}

/// The dataful variant in the middle: niche values go to A and C.
pub enum Mid {
    A,
    B(bool),
    C,
}

/// Valid range 254..=255: the niche wraps around to 0, 1.
#[repr(u8)]
pub enum High {
    A = 254,
    B = 255,
}

pub enum WrapNiche {
    X(High),
    Y,
    Z,
}

/// repr(i8) valid range 126..=127: the niche values are 0x80, 0x81 (-128, -127 as i8).
#[repr(i8)]
pub enum TopI8 {
    A = 126,
    B = 127,
}

pub enum NegNiche {
    X(TopI8),
    Y,
    Z,
}

/// Single-variant enum with data.
pub enum Only {
    One(u32, u8),
}

/// Uninhabited.
pub enum Never {}

pub struct Cfg {
    pub id: u32,
    pub name: &'static str,
}

pub static CFG: Cfg = Cfg { id: 7, name: "cfg" };

// ---- monomorphic uses (also makes the types reach the DWARF) ----------------------

pub struct Holder {
    pub opt_ref: Option<&'static Cfg>,
    pub opt_bool: Option<bool>,
    pub opt_char: Option<char>,
    pub opt_opt: Option<Option<bool>>,
    pub res: Result<u32, String>,
    pub opt_u32: Option<u32>,
    pub opt_nz: Option<NonZeroU32>,
    pub opt_box: Option<Box<Node>>,
    pub p8: Pair<u8>,
    pub p64: Pair<u64>,
    pub opt_ord: Option<std::cmp::Ordering>,
    pub opt_str: Option<&'static str>,
    pub opt_string: Option<String>,
    pub res_box: Result<(), Box<dyn Speak>>,
}

/// FNV-1a of a name: a distinct constant per function, so that at
/// opt-level 3 rustc does not merge the identical bodies into one symbol
/// (merged functions keep one DWARF subprogram, and the other types vanish).
const fn fnv(s: &str) -> usize {
    let b = s.as_bytes();
    let mut h: u64 = 0xcbf29ce484222325;
    let mut i = 0;
    while i < b.len() {
        h = (h ^ b[i] as u64).wrapping_mul(0x100000001b3);
        i += 1;
    }
    h as usize
}

macro_rules! touch {
    ($($f:ident: $t:ty;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $f(x: *const $t) -> usize {
            const H: usize = fnv(stringify!($f));
            std::hint::black_box(x) as usize ^ H
        }
    )*};
}

touch! {
    fx_reorder: Reorder;
    fx_choles: CHoles;
    fx_packed: Packed;
    fx_packed2: Packed2;
    fx_aligned16: Aligned16;
    fx_caligned32: CAligned32;
    fx_holds_aligned: HoldsAligned;
    fx_scalars: Scalars;
    fx_arrays: Arrays;
    fx_slices: Slices<'static>;
    fx_callbacks: Callbacks;
    fx_pair_u8: Pair<u8>;
    fx_pair_u64: Pair<u64>;
    fx_node: Node;
    fx_unit: Unit;
    fx_empty_braces: EmptyBraces;
    fx_with_zst: WithZst;
    fx_meters: Meters;
    fx_wrapper: Wrapper;
    fx_tuple_struct: TupleStruct;
    fx_has_tuple: HasTuple;
    fx_tuple: (u8, u32, u16);
    fx_str: &'static str;
    fx_slice: &'static [u32];
    fx_dyn: &'static dyn Speak;
    fx_box_dyn: Box<dyn Speak>;
    fx_cunion: CUnion;
    fx_rust_union: RustUnion;
    fx_color: Color;
    fx_small: Small;
    fx_tiny: Tiny;
    fx_i32enum: I32Enum;
    fx_signed64: Signed64;
    fx_unsigned64: Unsigned64;
    fx_wide: Wide;
    fx_uwide: UWide;
    fx_lonely: Lonely;
    fx_shape: Shape;
    fx_msg: Msg;
    fx_signed16data: Signed16Data;
    fx_cdata: CData;
    fx_i64data: I64Data;
    fx_u64data: U64Data;
    fx_u128data: U128Data;
    fx_i128data: I128Data;
    fx_cu8data: CU8Data;
    fx_four: Four;
    fx_at_three: AtThree;
    fx_tail: Tail;
    fx_tagged_bool: TaggedBool;
    fx_many_niche: ManyNiche;
    fx_only: Only;
    fx_mid: Mid;
    fx_high: High;
    fx_wrap_niche: WrapNiche;
    fx_top_i8: TopI8;
    fx_neg_niche: NegNiche;
    fx_opt_ord: Option<std::cmp::Ordering>;
    fx_opt_str: Option<&'static str>;
    fx_opt_string: Option<String>;
    fx_res_box: Result<(), Box<dyn Speak>>;
    fx_never: Never;
    fx_cfg: Cfg;
    fx_holder: Holder;
    fx_opt_ref: Option<&'static Cfg>;
    fx_opt_bool: Option<bool>;
    fx_opt_char: Option<char>;
    fx_opt_opt: Option<Option<bool>>;
    fx_result: Result<u32, String>;
    fx_opt_u32: Option<u32>;
    fx_opt_nz: Option<NonZeroU32>;
    fx_opt_box: Option<Box<Node>>;
    fx_dog: Dog;
}

/// A Rust-ABI pub fn (appears in the dylib's DWARF, not the cdylib's).
pub fn speak_all(d: &dyn Speak, s: &str) -> usize {
    d.speak() as usize + s.len() + d.volume() as usize
}

#[no_mangle]
pub extern "C" fn fx_make_dog(id: u32) -> Box<dyn Speak> {
    Box::new(Dog { id })
}

#[no_mangle]
pub extern "C" fn fx_call(cb: extern "C" fn(i32) -> i32, r: fn(&str) -> usize) -> i32 {
    cb(r("abc") as i32)
}
