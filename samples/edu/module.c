// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux glue of the WdmEdu sample: the driver's sources stay plain
 * WDM; the devices it serves come from edu.inf (edu.inf.h is generated).
 */
#include <wdmshim/host.h>
#include "edu.inf.h"
WDM_PNP_DRIVER(DriverEntry, wdm_inf);
