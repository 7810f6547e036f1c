target triple = "aarch64-unknown-linux-gnu"
define i64 @c_a3(i64 %0) unnamed_addr #0
define [3 x float] @c_af3([3 x float] %0) unnamed_addr #0
define [2 x i64] @c_al16(i64 %a, [2 x i64] %0) unnamed_addr #0
define void @c_big(ptr sret([40 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #0
define zeroext i1 @c_bool_char(i1 zeroext %a, i32 %b) unnamed_addr #0
define [2 x double] @c_d2([2 x double] %0) unnamed_addr #0
define [3 x double] @c_d3([3 x double] %0) unnamed_addr #0
define [4 x double] @c_d4([4 x double] %0) unnamed_addr #0
define [2 x i64] @c_du([2 x i64] %0) unnamed_addr #0
define [2 x i64] @c_e2([2 x i64] %0) unnamed_addr #0
define void @c_empty(i32 %a, i32 %b) unnamed_addr #0
define i64 @c_ex_al16(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i128 %0, [2 x i64] %1, i32 %z) unnamed_addr #0
define i64 @c_ex_big(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i64 %h, ptr align 8 %x, ptr align 8 %y) unnamed_addr #0
define double @c_ex_hfa(double %a, double %b, double %c, double %d, double %e, double %f, [4 x float] %0, double %y) unnamed_addr #0
define i64 @c_ex_int(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, [2 x i64] %0, i64 %y) unnamed_addr #0
define i64 @c_ex_int2(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %0, [2 x i64] %1, i8 %z) unnamed_addr #0
define i64 @c_ex_int7(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, [2 x i64] %0, i64 %y) unnamed_addr #0
define double @c_ex_mixed(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, [2 x i64] %0, double %y) unnamed_addr #0
define double @c_ex_sse(double %a, double %b, double %c, double %d, double %e, double %f, double %g, [2 x double] %0, double %y) unnamed_addr #0
define i64 @c_ex_w128(i64 %a, i128 %0, i64 %b, i128 %1) unnamed_addr #0
define [2 x float] @c_f2([2 x float] %0) unnamed_addr #0
define [3 x float] @c_f3([3 x float] %0) unnamed_addr #0
define [4 x float] @c_f4([4 x float] %0) unnamed_addr #0
define i64 @c_fi(i64 %0) unnamed_addr #0
define zeroext i1 @c_flag(i1 zeroext %x) unnamed_addr #0
define float @c_floats(float %a, double %b) unnamed_addr #0
define i128 @c_i128(i128 %a, i128 %b) unnamed_addr #0
define i128 @c_i128_late(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i128 %x, i64 %y) unnamed_addr #0
define i64 @c_i128_late7(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i128 %x, i64 %y) unnamed_addr #0
define i64 @c_ints(i8 %a, i8 %b, i16 %c, i16 %d, i32 %e, i32 %f) unnamed_addr #0
define i8 @c_ints2(i64 %a, i64 %b, i64 %c, i64 %d) unnamed_addr #0
define [2 x i64] @c_lit([2 x i64] %0) unnamed_addr #0
define double @c_meters(double %x, i64 %t) unnamed_addr #0
define [2 x i64] @c_nested([2 x i64] %0) unnamed_addr #0
define [2 x i64] @c_opt_f64([2 x i64] %0) unnamed_addr #0
define [2 x i64] @c_opt_u64([2 x i64] %0) unnamed_addr #0
define i64 @c_pk(i64 %0) unnamed_addr #0
define i64 @c_pk2(i64 %0) unnamed_addr #0
define [2 x i64] @c_pk3([2 x i64] %0) unnamed_addr #0
define [2 x float] @c_pt([2 x float] %0, [2 x i64] %1) unnamed_addr #0
define ptr @c_ptrs(ptr %p, ptr align 8 %q, ptr %f) unnamed_addr #0
define i32 @c_ret_char(i32 %b) unnamed_addr #0
define double @c_ret_f64(double %a) unnamed_addr #0
define i8 @c_ret_i8(i8 %a) unnamed_addr #0
define i16 @c_ret_u16(i16 %a) unnamed_addr #0
define i64 @c_ret_u64(i64 %a) unnamed_addr #0
define [2 x i64] @c_s12([2 x i64] %0) unnamed_addr #0
define [2 x i64] @c_s16([2 x i64] %0) unnamed_addr #0
define void @c_s24(ptr sret([24 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #0
define i64 @c_s8(i64 %0) unnamed_addr #0
define void @c_shape(ptr sret([24 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #0
define void @c_sret(ptr sret([24 x i8]) align 8 %_0, i64 %a, ptr align 8 %x) unnamed_addr #0
define i64 @c_str([2 x i64] %0, [2 x i64] %1) unnamed_addr #0
define i64 @c_ud(i64 %0) unnamed_addr #0
define [2 x i64] @c_uf([2 x i64] %0) unnamed_addr #0
define i64 @c_ufd(i64 %0) unnamed_addr #0
define [2 x i64] @c_w128(i64 %a, i128 %0) unnamed_addr #0
define i64 @c_withzst(i64 %0) unnamed_addr #0
define i24 @r_a3(i24 %0, ptr align 4 %y) unnamed_addr #1
define void @r_al16(ptr sret([16 x i8]) align 16 %_0, ptr align 16 %x) unnamed_addr #1
define void @r_arr2(ptr sret([16 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #1
define i24 @r_arr3(i24 %0) unnamed_addr #1
define i64 @r_arr_f1(i64 %0) unnamed_addr #1
define i64 @r_arr_f2(i64 %0) unnamed_addr #1
define i64 @r_arr_one(i64 %0) unnamed_addr #1
define void @r_big(ptr sret([40 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #1
define i32 @r_bool_char(i1 zeroext %a, i32 %b) unnamed_addr #1
define { double, double } @r_d2(double %x.0, double %x.1) unnamed_addr #1
define { double, i64 } @r_du(double %x.0, i64 %x.1) unnamed_addr #1
define { i64, i64 } @r_e2(i64 %x.0, i64 %x.1) unnamed_addr #1
define i32 @r_e3(i32 %0) unnamed_addr #1
define i64 @r_ex_cast(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i64 %h, i24 %0, i64 %1) unnamed_addr #1
define double @r_ex_f(double %a, double %b, double %c, double %d, double %e, double %f, double %g, double %x.0, double %x.1, double %y) unnamed_addr #1
define i64 @r_ex_indirect(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i64 %h, ptr align 8 %x, ptr align 4 %y) unnamed_addr #1
define double @r_ex_mixed(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, double %x.0, i64 %x.1, double %y) unnamed_addr #1
define i64 @r_ex_pair(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %x.0, i64 %x.1, i64 %y) unnamed_addr #1
define i64 @r_ex_pair7(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i64 %x.0, i64 %x.1, i64 %y) unnamed_addr #1
define void @r_ex_sret(ptr sret([24 x i8]) align 8 %_0, i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %x.0, i64 %x.1) unnamed_addr #1
define i32 @r_ex_str(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, ptr align 1 %s.0, i64 %s.1, i32 %y) unnamed_addr #1
define { float, float } @r_f2(float %x.0, float %x.1) unnamed_addr #1
define void @r_f4(ptr sret([16 x i8]) align 4 %_0, ptr align 4 %x) unnamed_addr #1
define { float, i32 } @r_fi(float %x.0, i32 %x.1) unnamed_addr #1
define zeroext i1 @r_flag(i1 zeroext %x) unnamed_addr #1
define float @r_floats(float %a, double %b) unnamed_addr #1
define i128 @r_i128(i128 %a, i128 %b) unnamed_addr #1
define i128 @r_i128_late(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i128 %x, i64 %y) unnamed_addr #1
define i64 @r_i128_late7(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i128 %x, i64 %y) unnamed_addr #1
define i128 @r_i128_odd(i64 %a, i128 %b) unnamed_addr #1
define i64 @r_ints(i8 %a, i8 %b, i16 %c, i16 %d, i32 %e, i32 %f) unnamed_addr #1
define i8 @r_ints2(i64 %a, i64 %b, i64 %c, i64 %d) unnamed_addr #1
define void @r_lit(ptr sret([16 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #1
define { double, i8 } @r_mix(double %x.0, i8 %x.1) unnamed_addr #1
define { i32, float } @r_nested(ptr align 8 %x, i32 %y.0, float %y.1) unnamed_addr #1
define double @r_newtypes(double %m, i64 %t, float %w.0, float %w.1, double %two.0, i64 %two.1, double %tf) unnamed_addr #1
define { i64, i64 } @r_one(i64 %x.0, i64 %x.1) unnamed_addr #1
define i8 @r_opt_bool(i8 %x) unnamed_addr #1
define i32 @r_opt_char(i32 %x) unnamed_addr #1
define { i32, float } @r_opt_f32(i32 %x.0, float %x.1) unnamed_addr #1
define { i64, double } @r_opt_f64(i64 %x.0, double %x.1) unnamed_addr #1
define void @r_opt_i128_ret(ptr sret([32 x i8]) align 16 %_0, i128 %x) unnamed_addr #1
define i32 @r_opt_nz(i32 %x) unnamed_addr #1
define i8 @r_opt_opt(i8 %x) unnamed_addr #1
define { i64, i64 } @r_opt_opt_u64(i64 %x.0, i64 %x.1) unnamed_addr #1
define void @r_opt_pt(ptr sret([12 x i8]) align 4 %_0, ptr align 4 %x) unnamed_addr #1
define align 8 ptr @r_opt_ref(ptr align 8 %x) unnamed_addr #1
define { ptr, i64 } @r_opt_refpair(ptr align 8 %x.0, i64 %x.1) unnamed_addr #1
define { ptr, i64 } @r_opt_str(ptr align 1 %x.0, i64 %x.1) unnamed_addr #1
define i48 @r_opt_t16(i48 %0) unnamed_addr #1
define void @r_opt_t32(ptr sret([12 x i8]) align 4 %_0, ptr align 4 %x) unnamed_addr #1
define void @r_opt_u128(ptr sret([32 x i8]) align 16 %_0, i128 %x.0, i128 %x.1) unnamed_addr #1
define { i32, i32 } @r_opt_u32(i32 %x.0, i32 %x.1) unnamed_addr #1
define { i64, i64 } @r_opt_u64(i64 %x.0, i64 %x.1) unnamed_addr #1
define { i64, i8 } @r_opt_u64_bool(i64 %x.0, i8 %x.1) unnamed_addr #1
define { i1, i8 } @r_opt_u8(i1 zeroext %x.0, i8 %x.1) unnamed_addr #1
define zeroext i1 @r_opt_unit(i1 zeroext %x) unnamed_addr #1
define i40 @r_pk(i40 %0, i40 %1) unnamed_addr #1
define void @r_pk3(ptr sret([10 x i8]) align 1 %_0, ptr align 1 %x) unnamed_addr #1
define { float, float } @r_pt(float %x.0, float %x.1) unnamed_addr #1
define { i64, ptr } @r_ptr_enum(i64 %x.0, ptr %x.1) unnamed_addr #1
define align 8 ptr @r_ptrs(ptr %p, ptr align 8 %q, ptr align 4 %r, ptr %f) unnamed_addr #1
define void @r_quad(ptr sret([16 x i8]) align 4 %_0, ptr align 4 %x) unnamed_addr #1
define void @r_reprc_newtype(ptr sret([16 x i8]) align 16 %_0, ptr align 16 %x, i64 %0) unnamed_addr #1
define void @r_res_32_64(ptr sret([16 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #1
define void @r_res_f(ptr sret([16 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #1
define { i64, double } @r_res_ff(i64 %x.0, double %x.1) unnamed_addr #1
define { i64, i64 } @r_res_i64(i64 %x.0, i64 %x.1) unnamed_addr #1
define { i64, ptr } @r_res_ref(i64 %x.0, ptr %x.1) unnamed_addr #1
define void @r_res_u128(ptr sret([32 x i8]) align 16 %_0, i128 %x.0, i128 %x.1) unnamed_addr #1
define { i64, i64 } @r_res_u64(i64 %x.0, i64 %x.1) unnamed_addr #1
define { i64, i64 } @r_res_u64_unit(i64 %x.0, i64 %x.1) unnamed_addr #1
define { i1, i8 } @r_res_u8_bool(i1 zeroext %x.0, i8 %x.1) unnamed_addr #1
define { i32, i32 } @r_res_unit(i32 %x.0, i32 %x.1) unnamed_addr #1
define zeroext i1 @r_res_units(i1 zeroext %x) unnamed_addr #1
define zeroext i1 @r_ret_bool(i1 zeroext %a) unnamed_addr #1
define double @r_ret_f64(double %a) unnamed_addr #1
define i32 @r_ret_i32(i32 %a) unnamed_addr #1
define i8 @r_ret_i8(i8 %a) unnamed_addr #1
define ptr @r_ret_ptr(ptr %p) unnamed_addr #1
define { ptr, i64 } @r_ret_slice(ptr align 4 %s.0, i64 %s.1) unnamed_addr #1
define double @r_ret_tf64(double %t) unnamed_addr #1
define { double, i64 } @r_ret_two(double %w.0, i64 %w.1) unnamed_addr #1
define i16 @r_ret_u16(i16 %a) unnamed_addr #1
define void @r_ret_unit_tuple(i32 %a) unnamed_addr #1
define i64 @r_ret_usize(i64 %a) unnamed_addr #1
define { float, float } @r_ret_wrap(float %w.0, float %w.1) unnamed_addr #1
define i24 @r_rgb(i24 %0) unnamed_addr #1
define { i8, i8 } @r_rpk(i40 %0, i8 %y.0, i8 %y.1) unnamed_addr #1
define double @r_ru(i64 %x, double %y, i64 %0) unnamed_addr #1
define void @r_s12(ptr sret([12 x i8]) align 4 %_0, ptr align 4 %x) unnamed_addr #1
define { i64, i64 } @r_s16(i64 %x.0, i64 %x.1) unnamed_addr #1
define void @r_s24(ptr sret([24 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #1
define { i32, i32 } @r_s8(i32 %x.0, i32 %x.1) unnamed_addr #1
define void @r_shape(ptr sret([24 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #1
define { ptr, i64 } @r_str(ptr align 1 %s.0, i64 %s.1, ptr align 4 %t.0, i64 %t.1, ptr align 1 %m.0, i64 %m.1) unnamed_addr #1
define { i16, i16 } @r_t16(i16 %x.0, i16 %x.1) unnamed_addr #1
define i48 @r_t16x3(i48 %0) unnamed_addr #1
define { i64, i64 } @r_t2(i64 %x.0, i64 %x.1) unnamed_addr #1
define void @r_t3(ptr sret([24 x i8]) align 8 %_0, ptr align 8 %x) unnamed_addr #1
define void @r_t32x3(ptr sret([12 x i8]) align 4 %_0, ptr align 4 %x) unnamed_addr #1
define void @r_t64_128(ptr sret([32 x i8]) align 16 %_0, i64 %x.0, i128 %x.1) unnamed_addr #1
define { i8, i32 } @r_t8_32(i8 %x.0, i32 %x.1) unnamed_addr #1
define i64 @r_t_i128_8(i128 %x.0, i8 %x.1) unnamed_addr #1
define { double, i64 } @r_tdu(double %x.0, i64 %x.1) unnamed_addr #1
define { float, float } @r_tf(float %x.0, float %x.1) unnamed_addr #1
define i64 @r_ud(i64 %0, i64 %1) unnamed_addr #1
define void @r_unit(i32 %a) unnamed_addr #1
define void @r_zst(i32 %a, i32 %b) unnamed_addr #1
