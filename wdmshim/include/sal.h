/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sal.h - the source-code annotation language (SAL 2.0) of WDK sources.
 *
 * SAL annotations feed Microsoft's static analysers; the compiler gives
 * them no meaning. Here every annotation a driver may write on a
 * parameter, a return value, a field or a function expands to nothing,
 * with the parameters the WDK gives it, so annotated sources compile
 * unchanged. The older __in/__out forms are in <specstrings.h>, the
 * driver ones (_IRQL_*, _Dispatch_type_, __drv_*) in <driverspecs.h>,
 * the lock ones in <concurrencysal.h>.
 */
#ifndef _WDMSHIM_SAL_H
#define _WDMSHIM_SAL_H

/* Plain annotations */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _Out_
#define _Out_opt_
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_opt_z_
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_z_
#define _Outptr_opt_result_z_
#define _Outptr_result_maybenull_z_
#define _Outptr_opt_result_maybenull_z_
#define _Outptr_result_nullonfailure_
#define _Outptr_opt_result_nullonfailure_
#define _COM_Outptr_
#define _COM_Outptr_opt_
#define _COM_Outptr_result_maybenull_
#define _COM_Outptr_opt_result_maybenull_
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_out_z_
#define _Deref_opt_out_
#define _Deref_opt_out_opt_
#define _Deref_opt_out_z_
#define _Deref_in_
#define _Deref_inout_
#define _Deref_pre_z_
#define _Deref_post_z_
#define _Deref_pre_readonly_
#define _Deref_pre_notnull_
#define _Deref_post_notnull_
#define _Deref_pre_maybenull_
#define _Deref_post_maybenull_
#define _Deref_post_null_
#define _Deref_pre_valid_
#define _Deref_post_valid_
#define _Deref_ret_z_
#define _Reserved_
#define _Const_
#define _Pre_z_
#define _Post_z_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Pre_null_
#define _Pre_opt_valid_
#define _Pre_valid_
#define _Pre_invalid_
#define _Pre_unknown_
#define _Pre_readonly_
#define _Post_notnull_
#define _Post_maybenull_
#define _Post_null_
#define _Post_invalid_
#define _Post_valid_
#define _Post_ptr_invalid_
#define _Null_terminated_
#define _NullNull_terminated_
#define _Notnull_
#define _Maybenull_
#define _Null_
#define _Valid_
#define _Notvalid_
#define _Ret_notnull_
#define _Ret_maybenull_
#define _Ret_null_
#define _Ret_z_
#define _Ret_maybenull_z_
#define _Ret_valid_
#define _Ret_opt_valid_
#define _Check_return_
#define _Must_inspect_result_
#define _Use_decl_annotations_
#define _Printf_format_string_
#define _Scanf_format_string_
#define _Scanf_s_format_string_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Result_nullonfailure_
#define _Result_zeroonfailure_
#define _Points_to_data_
#define _Literal_
#define _Notliteral_
#define _Field_z_
#define _Analysis_noreturn_
#define _Pre_defensive_
#define _Post_defensive_
#define _Strict_type_match_
#define _Ret_notnull_z_
#define _Out_z_
#define _In_defensive_
#define _Out_defensive_
#define _Inout_defensive_
#define _Unreferenced_parameter_
#define _Pre_cap_c_one_
#define _Post_satisfies_true_
#define _Enum_is_bitflag_
#define _Interlocked_operand_

/* With a size (elements or bytes) */
#define _In_reads_(s)
#define _In_reads_opt_(s)
#define _In_reads_bytes_(s)
#define _In_reads_bytes_opt_(s)
#define _In_reads_z_(s)
#define _In_reads_opt_z_(s)
#define _In_reads_or_z_(s)
#define _In_reads_or_z_opt_(s)
#define _Out_writes_(s)
#define _Out_writes_opt_(s)
#define _Out_writes_bytes_(s)
#define _Out_writes_bytes_opt_(s)
#define _Out_writes_z_(s)
#define _Out_writes_opt_z_(s)
#define _Out_writes_all_(s)
#define _Out_writes_all_opt_(s)
#define _Out_writes_bytes_all_(s)
#define _Out_writes_bytes_all_opt_(s)
#define _Inout_updates_(s)
#define _Inout_updates_opt_(s)
#define _Inout_updates_z_(s)
#define _Inout_updates_opt_z_(s)
#define _Inout_updates_all_(s)
#define _Inout_updates_all_opt_(s)
#define _Inout_updates_bytes_(s)
#define _Inout_updates_bytes_opt_(s)
#define _Inout_updates_bytes_all_(s)
#define _Inout_updates_bytes_all_opt_(s)
#define _Outptr_result_buffer_(s)
#define _Outptr_opt_result_buffer_(s)
#define _Outptr_result_buffer_all_(s)
#define _Outptr_opt_result_buffer_all_(s)
#define _Outptr_result_buffer_maybenull_(s)
#define _Outptr_opt_result_buffer_maybenull_(s)
#define _Outptr_result_buffer_all_maybenull_(s)
#define _Outptr_opt_result_buffer_all_maybenull_(s)
#define _Outptr_result_bytebuffer_(s)
#define _Outptr_opt_result_bytebuffer_(s)
#define _Outptr_result_bytebuffer_all_(s)
#define _Outptr_opt_result_bytebuffer_all_(s)
#define _Outptr_result_bytebuffer_maybenull_(s)
#define _Outptr_opt_result_bytebuffer_maybenull_(s)
#define _Outptr_result_bytebuffer_all_maybenull_(s)
#define _Outptr_opt_result_bytebuffer_all_maybenull_(s)
#define _Struct_size_bytes_(s)
#define _Field_size_(s)
#define _Field_size_opt_(s)
#define _Field_size_bytes_(s)
#define _Field_size_bytes_opt_(s)
#define _Field_size_full_(s)
#define _Field_size_full_opt_(s)
#define _Field_size_bytes_full_(s)
#define _Field_size_bytes_full_opt_(s)
#define _Ret_writes_(s)
#define _Ret_writes_z_(s)
#define _Ret_writes_bytes_(s)
#define _Ret_writes_maybenull_(s)
#define _Ret_writes_maybenull_z_(s)
#define _Ret_writes_bytes_maybenull_(s)
#define _Readable_bytes_(s)
#define _Readable_elements_(s)
#define _Writable_bytes_(s)
#define _Writable_elements_(s)
#define _Pre_readable_size_(s)
#define _Pre_writable_size_(s)
#define _Pre_readable_byte_size_(s)
#define _Pre_writable_byte_size_(s)
#define _Post_readable_size_(s)
#define _Post_writable_size_(s)
#define _Post_readable_byte_size_(s)
#define _Post_writable_byte_size_(s)
#define _Deref_out_z_cap_c_(s)
#define _In_reads_to_ptr_(s)
#define _In_reads_to_ptr_opt_(s)
#define _In_reads_to_ptr_z_(s)
#define _In_reads_to_ptr_opt_z_(s)
#define _Out_writes_to_ptr_(s)
#define _Out_writes_to_ptr_opt_(s)
#define _Out_writes_to_ptr_z_(s)
#define _Out_writes_to_ptr_opt_z_(s)
#define _Field_z_cap_(s)

/* With an expression or a nested annotation */
#define _Success_(e)
#define _Return_type_success_(e)
#define _On_failure_(e)
#define _Always_(e)
#define _Group_(e)
#define _Pre_satisfies_(e)
#define _Post_satisfies_(e)
#define _Satisfies_(e)
#define _Analysis_assume_(e)
#define _Analysis_mode_(e)
#define _Function_class_(e)
#define _Called_from_function_class_(e)
#define _Inexpressible_(e)
#define _Unchanged_(e)
#define _Pre_equal_to_(e)
#define _Post_equal_to_(e)
#define _Pre_(e)
#define _Post_(e)
#define _Deref_(e)
#define _Deref_pre_(e)
#define _Deref_post_(e)
#define _Deref2_(e)
#define _Pre_bytecap_(e)
#define _Pre_cap_(e)
#define _Pre_bytecount_(e)
#define _Pre_count_(e)
#define _Post_bytecap_(e)
#define _Post_cap_(e)
#define _Post_bytecount_(e)
#define _Post_count_(e)
#define _Ret_bytecap_(e)
#define _Ret_cap_(e)
#define _Ret_bytecount_(e)
#define _Ret_count_(e)
#define _Ret_(e)
#define _In_bound_(e)
#define _Out_bound_(e)
#define _Ret_bound_(e)
#define _Deref_in_bound_(e)
#define _Deref_out_bound_(e)
#define _Deref_inout_bound_(e)
#define _Deref_ret_bound_(e)

/* With a size and the count actually written */
#define _Out_writes_to_(s, c)
#define _Out_writes_to_opt_(s, c)
#define _Out_writes_bytes_to_(s, c)
#define _Out_writes_bytes_to_opt_(s, c)
#define _Inout_updates_to_(s, c)
#define _Inout_updates_to_opt_(s, c)
#define _Inout_updates_bytes_to_(s, c)
#define _Inout_updates_bytes_to_opt_(s, c)
#define _Outptr_result_buffer_to_(s, c)
#define _Outptr_opt_result_buffer_to_(s, c)
#define _Outptr_result_buffer_to_maybenull_(s, c)
#define _Outptr_opt_result_buffer_to_maybenull_(s, c)
#define _Outptr_result_bytebuffer_to_(s, c)
#define _Outptr_opt_result_bytebuffer_to_(s, c)
#define _Outptr_result_bytebuffer_to_maybenull_(s, c)
#define _Outptr_opt_result_bytebuffer_to_maybenull_(s, c)
#define _Field_size_part_(s, c)
#define _Field_size_part_opt_(s, c)
#define _Field_size_bytes_part_(s, c)
#define _Field_size_bytes_part_opt_(s, c)
#define _Ret_writes_to_(s, c)
#define _Ret_writes_bytes_to_(s, c)
#define _Ret_writes_to_maybenull_(s, c)
#define _Ret_writes_bytes_to_maybenull_(s, c)

/* With a range */
#define _In_range_(l, h)
#define _Out_range_(l, h)
#define _Ret_range_(l, h)
#define _Deref_in_range_(l, h)
#define _Deref_out_range_(l, h)
#define _Deref_inout_range_(l, h)
#define _Deref_ret_range_(l, h)
#define _Field_range_(l, h)
#define _Pre_range_(l, h)
#define _Post_range_(l, h)
#define _Inout_range_(l, h)

/* Conditional and targeted annotations */
#define _When_(e, a)
#define _At_(e, a)

/* Per-element annotations of a buffer */
#define _At_buffer_(t, i, b, a)

#include <concurrencysal.h>

#endif /* _WDMSHIM_SAL_H */
