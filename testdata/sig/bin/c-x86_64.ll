target triple = "x86_64-unknown-linux-gnu"
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
%struct.LD = type { x86_fp80 }
%struct.LD2 = type { x86_fp80, x86_fp80 }
%struct.CD = type { { double, double } }
%struct.CF2 = type { { float, float }, [2 x float] }
%struct.CD8 = type { i8, double }
%struct.IFF = type { i32, float, float }
%struct.PF = type { ptr, float }
%struct.LDI = type { x86_fp80, i32, [12 x i8] }
define dso_local i64 @c_ints(i8 noundef signext %a, i8 noundef signext %b, i8 noundef zeroext %c, i16 noundef signext %d, i16 noundef zeroext %e, i32 noundef %f) #0
define dso_local zeroext i8 @c_ints2(i32 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d) #0
define dso_local zeroext i1 @c_bool(i1 noundef zeroext %a) #0
define dso_local signext i16 @c_ret_short(i16 noundef signext %a) #0
define dso_local signext i8 @c_ret_schar(i8 noundef signext %a) #0
define dso_local i64 @c_ret_ull(i64 noundef %a) #0
define dso_local float @c_floats(float noundef %a, double noundef %b) #0
define dso_local double @c_ret_double(double noundef %a) #0
define dso_local x86_fp80 @c_ld(x86_fp80 noundef %a, double noundef %b) #0
define dso_local { i64, i64 } @c_i128(i64 noundef %a.coerce0, i64 noundef %a.coerce1, i64 noundef %b.coerce0, i64 noundef %b.coerce1) #0
define dso_local { i64, i64 } @c_i128_late(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i128 noundef %x, i64 noundef %y) #0
define dso_local i64 @c_i128_late7(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 noundef %g, i128 noundef %x, i64 noundef %y) #0
define dso_local <2 x float> @c_cf(<2 x float> noundef %a.coerce) #1
define dso_local { double, double } @c_cd(double noundef %a.coerce0, double noundef %a.coerce1, <2 x float> noundef %b.coerce) #1
define dso_local { x86_fp80, x86_fp80 } @c_cld(ptr noundef byval({ x86_fp80, x86_fp80 }) align 16 %a) #0
define dso_local ptr @c_ptrs(ptr noundef %p, ptr noundef %f, ptr noundef %q) #0
define dso_local i32 @c_enum(i32 noundef %c) #0
define dso_local i32 @c_variadic(i32 noundef %n, ...) #0
define dso_local void @c_void() #0
define dso_local fp128 @c_f128(fp128 noundef %a, i32 noundef %b) #0
define dso_local i64 @c_s8(i64 %x.coerce) #0
define dso_local { i64, i32 } @c_s12(i64 %x.coerce0, i32 %x.coerce1) #0
define dso_local { i64, i64 } @c_s16(i64 %x.coerce0, i64 %x.coerce1) #0
define dso_local void @c_s24(ptr noalias sret(%struct.S24) align 8 %agg.result, ptr noundef byval(%struct.S24) align 8 %x) #0
define dso_local <2 x float> @c_f2(<2 x float> %x.coerce) #1
define dso_local { <2 x float>, float } @c_f3(<2 x float> %x.coerce0, float %x.coerce1) #1
define dso_local { <2 x float>, <2 x float> } @c_f4(<2 x float> %x.coerce0, <2 x float> %x.coerce1) #1
define dso_local void @c_f5(ptr noalias sret(%struct.F5) align 4 %agg.result, ptr noundef byval(%struct.F5) align 8 %x) #0
define dso_local { double, double } @c_d2(double %x.coerce0, double %x.coerce1) #0
define dso_local void @c_d3(ptr noalias sret(%struct.D3) align 8 %agg.result, ptr noundef byval(%struct.D3) align 8 %x) #0
define dso_local void @c_d4(ptr noalias sret(%struct.D4) align 8 %agg.result, ptr noundef byval(%struct.D4) align 8 %x) #0
define dso_local { double, i64 } @c_du(double %x.coerce0, i64 %x.coerce1) #0
define dso_local { i64, double } @c_uf(i64 %x.coerce0, double %x.coerce1) #0
define dso_local i64 @c_fi(i64 %x.coerce) #0
define dso_local { <2 x float>, double } @c_f2d(<2 x float> %x.coerce0, double %x.coerce1) #1
define dso_local void @c_da3(ptr noalias sret(%struct.DA3) align 8 %agg.result, ptr noundef byval(%struct.DA3) align 8 %x) #0
define dso_local void @c_pk(ptr noalias sret(%struct.Pk) align 1 %agg.result, ptr noundef byval(%struct.Pk) align 8 %x) #0
define dso_local i40 @c_pk2(i40 %x.coerce) #0
define dso_local void @c_pk3(ptr noalias sret(%struct.Pk3) align 1 %agg.result, ptr noundef byval(%struct.Pk3) align 8 %x) #0
define dso_local i64 @c_ud(i64 %x.coerce) #0
define dso_local double @c_ufd(double %x.coerce) #0
define dso_local { i64, <2 x float> } @c_uf4(i64 %x.coerce0, <2 x float> %x.coerce1) #1
define dso_local <2 x float> @c_uff(<2 x float> %x.coerce) #1
define dso_local i24 @c_a3(i24 %x.coerce) #0
define dso_local { i64, i64 } @c_a16(i64 %x.coerce0, i64 %x.coerce1) #0
define dso_local { <2 x float>, float } @c_af3(<2 x float> %x.coerce0, float %x.coerce1) #1
define dso_local void @c_big(ptr noalias sret(%struct.Big) align 8 %agg.result, ptr noundef byval(%struct.Big) align 8 %x) #0
define dso_local { i64, i64 } @c_al16(i64 noundef %a, i64 %x.coerce0, i64 %x.coerce1) #0
define dso_local { i64, i64 } @c_w128(i64 noundef %a, i64 %x.coerce0, i64 %x.coerce1) #0
define dso_local { i64, double } @c_nested(i64 %x.coerce0, double %x.coerce1) #0
define dso_local i64 @c_nestu(i64 %x.coerce) #0
define dso_local void @c_empty(i32 noundef %a, i32 noundef %b) #0
define dso_local i64 @c_bits(i64 %x.coerce) #0
define dso_local i64 @c_bits2(i64 %x.coerce) #0
define dso_local i32 @c_flex(ptr noundef byval(%struct.Flex) align 8 %x) #0
define dso_local x86_fp80 @c_sld(ptr noundef byval(%struct.LD) align 16 %x) #0
define dso_local void @c_sld2(ptr noalias sret(%struct.LD2) align 16 %agg.result, ptr noundef byval(%struct.LD2) align 16 %x) #0
define dso_local { double, double } @c_scd(double %x.coerce0, double %x.coerce1) #0
define dso_local { <2 x float>, <2 x float> } @c_scf2(<2 x float> %x.coerce0, <2 x float> %x.coerce1) #1
define dso_local void @c_sret(ptr noalias sret(%struct.S24) align 8 %agg.result, i64 noundef %a, ptr noundef byval(%struct.S24) align 8 %x) #0
define dso_local { i8, double } @c_cd8(i8 %x.coerce0, double %x.coerce1) #0
define dso_local { i64, float } @c_iff(i64 %x.coerce0, float %x.coerce1) #0
define dso_local { ptr, float } @c_pf(ptr %x.coerce0, float %x.coerce1) #0
define dso_local void @c_ldi(ptr noalias sret(%struct.LDI) align 16 %agg.result, ptr noundef byval(%struct.LDI) align 16 %x) #0
define dso_local i64 @c_ex_int(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, ptr noundef byval(%struct.S16) align 8 %x, i64 noundef %y) #0
define dso_local i64 @c_ex_int2(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 %x.coerce, ptr noundef byval(%struct.S16) align 8 %y, i8 noundef signext %z) #0
define dso_local i64 @c_ex_int7(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 noundef %g, ptr noundef byval(%struct.S16) align 8 %x, i64 noundef %y) #0
define dso_local double @c_ex_sse(double noundef %a, double noundef %b, double noundef %c, double noundef %d, double noundef %e, double noundef %f, double noundef %g, ptr noundef byval(%struct.D2) align 8 %x, double noundef %y) #0
define dso_local double @c_ex_mixed(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, ptr noundef byval(%struct.DU) align 8 %x, double noundef %y) #0
define dso_local double @c_ex_hfa(double noundef %a, double noundef %b, double noundef %c, double noundef %d, double noundef %e, double noundef %f, <2 x float> %x.coerce0, <2 x float> %x.coerce1, double noundef %y) #1
define dso_local i64 @c_ex_big(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 noundef %g, i64 noundef %h, ptr noundef byval(%struct.Big) align 8 %x, ptr noundef byval(%struct.S24) align 8 %y) #0
define dso_local i64 @c_ex_al16(i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 noundef %g, ptr noundef byval(%struct.W128) align 16 %x, ptr noundef byval(%struct.Al16) align 16 %y, i32 noundef %z) #0
define dso_local i64 @c_ex_w128(i64 noundef %a, i64 %x.coerce0, i64 %x.coerce1, i64 noundef %b, i64 %y.coerce0, i64 %y.coerce1) #0
define dso_local i64 @c_ex_ld(x86_fp80 noundef %a, i32 noundef %b, x86_fp80 noundef %c, double noundef %d) #0
define dso_local void @c_ex_sret(ptr noalias sret(%struct.S24) align 8 %agg.result, i64 noundef %a, i64 noundef %b, i64 noundef %c, i64 noundef %d, i64 noundef %e, i64 noundef %f, i64 %x.coerce) #0
