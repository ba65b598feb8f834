/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmguid.h - the GUIDs of the system's PnP interfaces and bus types.
 * Declared here; defined in the file that includes <initguid.h> first.
 */
#ifndef _WDMSHIM_WDMGUID_H
#define _WDMSHIM_WDMGUID_H

/* IRP_MN_QUERY_INTERFACE: BUS_INTERFACE_STANDARD (config space, DMA) */
DEFINE_GUID(GUID_BUS_INTERFACE_STANDARD, 0x496b8280, 0x6f25, 0x11d0,
	    0xbe, 0xaf, 0x08, 0x00, 0x2b, 0xe2, 0x09, 0x2f);
/* DevicePropertyBusTypeGuid of PCI devices */
DEFINE_GUID(GUID_BUS_TYPE_PCI, 0xc8ebdfb0, 0xb510, 0x11d0,
	    0x80, 0xe5, 0x00, 0xa0, 0xc9, 0x25, 0x42, 0xe3);

#endif /* _WDMSHIM_WDMGUID_H */
