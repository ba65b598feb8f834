// SPDX-License-Identifier: GPL-2.0
/* The Linux glue of wdmbench. */
#include <wdmshim/host.h>
WDM_DRIVER(BenchEntry);
