/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntddk.h - the NT DDK superset of wdm.h, for drivers hosted by wdmshim.
 */
#ifndef _WDMSHIM_NTDDK_H
#define _WDMSHIM_NTDDK_H

#include <wdm.h>

#endif /* _WDMSHIM_NTDDK_H */
