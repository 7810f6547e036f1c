target triple = "aarch64-unknown-linux-gnu"
%struct.S8 = type { i32, i32 }
%struct.S12 = type { i32, i32, i32 }
%struct.S16 = type { i64, i64 }
%struct.S24 = type { i64, i64, i64 }
%struct.F2 = type { float, float }
%struct.F3 = type { float, float, float }
%struct.F4 = type { float, float, float, float }
%struct.F5 = type { float, float, float, float, float }
%struct.D2 = type { double, double }
%struct.D3 = type { double, double, double }
%struct.D4 = type { [4 x double] }
%struct.DU = type { double, i64 }
%struct.UF = type { i32, float, double }
%struct.FI = type { float, i32 }
%struct.F2D = type { [2 x float], double }
%struct.DA3 = type { [2 x double], double }
%struct.Pk = type <{ i8, i32 }>
%struct.Pk2 = type <{ i32, i8 }>
%struct.Pk3 = type <{ i8, i64, i8 }>
%union.UD = type { i64 }
%union.UFD = type { double }
%union.UF4 = type { [4 x float] }
%union.UFF = type { [2 x float] }
%struct.A3 = type { [3 x i8] }
%struct.A16 = type { [16 x i8] }
%struct.AF3 = type { [3 x float] }
%struct.Big = type { [5 x i64] }
%struct.Al16 = type { i64, i64 }
%struct.W128 = type { i128 }
%struct.Nested = type { %struct.S8, double }
%struct.NestU = type { %union.anon, float }
%union.anon = type { float }
%struct.Empty = type {}
%struct.Bits = type { i8, float }
%struct.Bits2 = type { i56 }
%struct.Flex = type { i32, [0 x i32] }
%struct.LD = type { fp128 }
%struct.LD2 = type { fp128, fp128 }
%struct.CD = type { { double, double } }
%struct.CF2 = type { { float, float }, [2 x float] }
%struct.CD8 = type { i8, double }
%struct.IFF = type { i32, float, float }
%struct.PF = type { ptr, float }
%struct.LDI = type { fp128, i32 }
define dso_local i64 @c_ints(i8 noundef %a, i8 noundef %b, i8 noundef %c, i16 noundef %d, i16 noundef %e, i32 noundef %f) #0
define dso_local i8 @c_ints2(i32 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d) #0
define dso_local i1 @c_bool(i1 noundef %a) #0
define dso_local i16 @c_ret_short(i16 noundef %a) #0
define dso_local i8 @c_ret_schar(i8 noundef %a) #0
define dso_local i64 @c_ret_ull(i64 noundef %a) #0
define dso_local float @c_floats(float noundef %a, double noundef %b) #0
define dso_local double @c_ret_double(double noundef %a) #0
define dso_local fp128 @c_ld(fp128 noundef %a, double noundef %b) #0
define dso_local i128 @c_i128(i128 noundef %a, i128 noundef %b) #0
define dso_local i128 @c_i128_late(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i128 noundef %x, i64 noundef %y) #0
define dso_local i64 @c_i128_late7(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 noundef %g, i128 noundef %x, i64 noundef %y) #0
define dso_local { float, float } @c_cf([2 x float] noundef %a.coerce) #0
define dso_local { double, double } @c_cd([2 x double] noundef %a.coerce, [2 x float] noundef %b.coerce) #0
define dso_local { fp128, fp128 } @c_cld([2 x fp128] noundef %a.coerce) #0
define dso_local ptr @c_ptrs(ptr noundef %p, ptr noundef %f, ptr noundef %q) #0
define dso_local i32 @c_enum(i32 noundef %c) #0
define dso_local i32 @c_variadic(i32 noundef %n, ...) #0
define dso_local void @c_void() #0
define dso_local i64 @c_s8(i64 %x.coerce) #0
define dso_local [2 x i64] @c_s12([2 x i64] %x.coerce) #0
define dso_local [2 x i64] @c_s16([2 x i64] %x.coerce) #0
define dso_local void @c_s24(ptr noalias sret(%struct.S24) align 8 %agg.result, ptr noundef %x) #0
define dso_local %struct.F2 @c_f2([2 x float] %x.coerce) #0
define dso_local %struct.F3 @c_f3([3 x float] %x.coerce) #0
define dso_local %struct.F4 @c_f4([4 x float] %x.coerce) #0
define dso_local void @c_f5(ptr noalias sret(%struct.F5) align 4 %agg.result, ptr noundef %x) #0
define dso_local %struct.D2 @c_d2([2 x double] %x.coerce) #0
define dso_local %struct.D3 @c_d3([3 x double] %x.coerce) #0
define dso_local %struct.D4 @c_d4([4 x double] %x.coerce) #0
define dso_local [2 x i64] @c_du([2 x i64] %x.coerce) #0
define dso_local [2 x i64] @c_uf([2 x i64] %x.coerce) #0
define dso_local i64 @c_fi(i64 %x.coerce) #0
define dso_local [2 x i64] @c_f2d([2 x i64] %x.coerce) #0
define dso_local %struct.DA3 @c_da3([3 x double] %x.coerce) #0
define dso_local i40 @c_pk(i64 %x.coerce) #0
define dso_local i40 @c_pk2(i64 %x.coerce) #0
define dso_local [2 x i64] @c_pk3([2 x i64] %x.coerce) #0
define dso_local i64 @c_ud(i64 %x.coerce) #0
define dso_local i64 @c_ufd(i64 %x.coerce) #0
define dso_local [2 x i64] @c_uf4([2 x i64] %x.coerce) #0
define dso_local %union.UFF @c_uff([2 x float] %x.coerce) #0
define dso_local i24 @c_a3(i64 %x.coerce) #0
define dso_local [2 x i64] @c_a16([2 x i64] %x.coerce) #0
define dso_local %struct.AF3 @c_af3([3 x float] %x.coerce) #0
define dso_local void @c_big(ptr noalias sret(%struct.Big) align 8 %agg.result, ptr noundef %x) #0
define dso_local i128 @c_al16(i64 noundef %a, [2 x i64] %x.coerce) #0
define dso_local i128 @c_w128(i64 noundef %a, i128 %x.coerce) #0
define dso_local [2 x i64] @c_nested([2 x i64] %x.coerce) #0
define dso_local i64 @c_nestu(i64 %x.coerce) #0
define dso_local void @c_empty(i32 noundef %a, i32 noundef %b) #0
define dso_local i64 @c_bits(i64 %x.coerce) #0
define dso_local i64 @c_bits2(i64 %x.coerce) #0
define dso_local i32 @c_flex(i64 %x.coerce) #0
define dso_local %struct.LD @c_sld([1 x fp128] %x.coerce) #0
define dso_local %struct.LD2 @c_sld2([2 x fp128] %x.coerce) #0
define dso_local %struct.CD @c_scd([2 x double] %x.coerce) #0
define dso_local %struct.CF2 @c_scf2([4 x float] %x.coerce) #0
define dso_local void @c_sret(ptr noalias sret(%struct.S24) align 8 %agg.result, i64 noundef %a, ptr noundef %x) #0
define dso_local [2 x i64] @c_cd8([2 x i64] %x.coerce) #0
define dso_local [2 x i64] @c_iff([2 x i64] %x.coerce) #0
define dso_local [2 x i64] @c_pf([2 x i64] %x.coerce) #0
define dso_local void @c_ldi(ptr noalias sret(%struct.LDI) align 16 %agg.result, ptr noundef %x) #0
define dso_local i64 @c_ex_int(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, [2 x i64] %x.coerce, i64 noundef %y) #0
define dso_local i64 @c_ex_int2(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 %x.coerce, [2 x i64] %y.coerce, i8 noundef %z) #0
define dso_local i64 @c_ex_int7(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 noundef %g, [2 x i64] %x.coerce, i64 noundef %y) #0
define dso_local double @c_ex_sse(double noundef %a, double noundef %b, double noundef %c, double noundef %d, double noundef %e, double noundef %f, double noundef %g, [2 x double] %x.coerce, double noundef %y) #0
define dso_local double @c_ex_mixed(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, [2 x i64] %x.coerce, double noundef %y) #0
define dso_local double @c_ex_hfa(double noundef %a, double noundef %b, double noundef %c, double noundef %d, double noundef %e, double noundef %f, [4 x float] %x.coerce, double noundef %y) #0
define dso_local i64 @c_ex_big(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 noundef %g, i64 noundef %h, ptr noundef %x, ptr noundef %y) #0
define dso_local i64 @c_ex_al16(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 noundef %g, i128 %x.coerce, [2 x i64] %y.coerce, i32 noundef %z) #0
define dso_local i64 @c_ex_w128(i64 noundef %a, i128 %x.coerce, i64 noundef %b, i128 %y.coerce) #0
define dso_local i64 @c_ex_ld(fp128 noundef %a, i32 noundef %b, fp128 noundef %c, double noundef %d) #0
define dso_local void @c_ex_sret(ptr noalias sret(%struct.S24) align 8 %agg.result, i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 %x.coerce) #0
