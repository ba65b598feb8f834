// SPDX-License-Identifier: GPL-2.0
/* The Linux glue of wdmfailentry. */
#include <wdmshim/host.h>
WDM_DRIVER(fail_entry);
