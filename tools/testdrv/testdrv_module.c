// SPDX-License-Identifier: GPL-2.0
/* The Linux glue of wdmtestdrv. */
#include <wdmshim/host.h>
WDM_DRIVER(td_entry);
