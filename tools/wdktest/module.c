// SPDX-License-Identifier: GPL-2.0
/* The Linux glue of wdmwdktest. */
#include <wdmshim/host.h>
WDM_DRIVER(DriverEntry);
