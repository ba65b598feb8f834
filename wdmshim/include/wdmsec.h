/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmsec.h - IoCreateDeviceSecure() and the SDDL strings of the WDK's
 * wdmsec library, for drivers hosted by wdmshim.
 *
 * Linux has no security descriptors on devices: the SDDL string becomes
 * the mode of the /dev node of each symbolic link later created to the
 * device (owner and group root): the rights of Administrators (BA) give
 * the owner bits, those of everyone (WD, and AU, BU, BG, AN, IU, NU) the
 * group and other bits; read rights give r, write rights w. SY (the
 * system), LS, NS, SU and RC (restricted code) add nothing. The nodes
 * of a device no one may open from user space (SDDL_DEVOBJ_KERNEL_ONLY,
 * _SYS_ALL: mode 0) refuse every open, root's too (devtmpfs shows them
 * as 0600, its mode for "none given").
 */
#ifndef _WDMSHIM_WDMSEC_H
#define _WDMSHIM_WDMSEC_H

#include <wdm.h>

extern const UNICODE_STRING SDDL_DEVOBJ_KERNEL_ONLY;		/* none */
#define SDDL_DEVOBJ_INF_SUPPLIED SDDL_DEVOBJ_KERNEL_ONLY
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL;		/* none */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_ALL;		/* 0600 */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RX;		/* 0400 */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R; /* 0644 */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R_RES_R; /* 0644 */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R; /* 0666 */
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX; /* 0666 */

NTSTATUS NTAPI IoCreateDeviceSecure(PDRIVER_OBJECT DriverObject,
				    ULONG DeviceExtensionSize,
				    PUNICODE_STRING DeviceName,
				    DEVICE_TYPE DeviceType,
				    ULONG DeviceCharacteristics,
				    BOOLEAN Exclusive,
				    PCUNICODE_STRING DefaultSDDLString,
				    LPCGUID DeviceClassGuid,
				    PDEVICE_OBJECT *DeviceObject);

#endif /* _WDMSHIM_WDMSEC_H */
