/* SPDX-License-Identifier: GPL-2.0 */
/*
 * specstrings.h - the SAL 1 annotations (__in, __out_bcount(n), ...) of
 * older WDK sources, as empty macros, plus everything of <sal.h>.
 *
 * Names such as __in, __out or __reserved are also ordinary identifiers
 * in Linux headers, so the SAL 1 forms exist for hosted drivers only,
 * never in wdmshim's own sources (WDMSHIM_HOST), which see both.
 */
#ifndef _WDMSHIM_SPECSTRINGS_H
#define _WDMSHIM_SPECSTRINGS_H

#include <sal.h>

#ifndef WDMSHIM_HOST
#define __in
#define __in_opt
#define __in_z
#define __in_opt_z
#define __in_nz
#define __in_bcount(size)
#define __in_ecount(size)
#define __in_bcount_opt(size)
#define __in_ecount_opt(size)
#define __in_bcount_z(size)
#define __in_ecount_z(size)
#define __in_xcount(size)
#define __in_range(lo, hi)
#define __out
#define __out_opt
#define __out_z
#define __out_z_opt
#define __out_bcount(size)
#define __out_ecount(size)
#define __out_bcount_opt(size)
#define __out_ecount_opt(size)
#define __out_bcount_part(size, length)
#define __out_ecount_part(size, length)
#define __out_bcount_part_opt(size, length)
#define __out_ecount_part_opt(size, length)
#define __out_bcount_full(size)
#define __out_ecount_full(size)
#define __out_bcount_full_opt(size)
#define __out_ecount_full_opt(size)
#define __out_bcount_z(size)
#define __out_ecount_z(size)
#define __out_xcount(size)
#define __out_range(lo, hi)
#define __inout
#define __inout_opt
#define __inout_z
#define __inout_opt_z
#define __inout_bcount(size)
#define __inout_ecount(size)
#define __inout_bcount_opt(size)
#define __inout_ecount_opt(size)
#define __inout_bcount_part(size, length)
#define __inout_ecount_part(size, length)
#define __inout_bcount_full(size)
#define __inout_ecount_full(size)
#define __inout_bcount_z(size)
#define __inout_ecount_z(size)
#define __deref_in
#define __deref_in_opt
#define __deref_out
#define __deref_out_opt
#define __deref_out_z
#define __deref_out_bcount(size)
#define __deref_out_ecount(size)
#define __deref_out_bcount_opt(size)
#define __deref_out_ecount_opt(size)
#define __deref_opt_out
#define __deref_opt_out_opt
#define __deref_opt_out_bcount(size)
#define __deref_opt_out_ecount(size)
#define __deref_inout
#define __deref_inout_opt
#define __deref_inout_z
#define __deref_opt_inout
#define __bcount(size)
#define __ecount(size)
#define __bcount_opt(size)
#define __ecount_opt(size)
#define __xcount(size)
#define __field_bcount(size)
#define __field_ecount(size)
#define __field_bcount_opt(size)
#define __field_ecount_opt(size)
#define __field_bcount_part(size, length)
#define __field_ecount_part(size, length)
#define __field_range(lo, hi)
#define __range(lo, hi)
#define __checkReturn
#define __success(expr)
#define __nullterminated
#define __nullnullterminated
#define __notnull
#define __maybenull
#define __null
#define __readonly
#define __reserved
#define __callback
#define __format_string
#define __override
#define __typefix(type)
#define __analysis_assume(expr)
#define __assume_bound(x)
#define __control_entrypoint(category)
#define __data_entrypoint(category)
#define __fallthrough
#define __post
#define __pre
#define __valid
#define __deref
#endif /* !WDMSHIM_HOST */

#endif /* _WDMSHIM_SPECSTRINGS_H */
