// SPDX-License-Identifier: GPL-2.0
/* The Linux glue of the WdmEduFilter sample: the driver's sources stay plain WDM. */
#include <wdmshim/host.h>
WDM_DRIVER(DriverEntry);
