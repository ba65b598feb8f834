/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dontuse.h - in the WDK, marks the C library's unbounded string routines
 * (strcpy, sprintf, wcscat, ...) deprecated in favour of <ntstrsafe.h>.
 *
 * wdmshim declares none of those routines, so a hosted driver that calls
 * one already fails to build (implicit declarations are errors in kernel
 * builds); this header only lets WDK sources that include it compile.
 */
#ifndef _WDMSHIM_DONTUSE_H
#define _WDMSHIM_DONTUSE_H

#endif /* _WDMSHIM_DONTUSE_H */
