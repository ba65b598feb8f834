/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * uapi/wdmshim.h - the user-space interface of the char devices wdmshim
 * creates for hosted drivers' symbolic links (/dev/<link name>).
 *
 * read(2) and write(2) become IRP_MJ_READ and IRP_MJ_WRITE; the ioctl
 * WDM_IOCTL_CALL carries one Windows device I/O control request
 * (IRP_MJ_DEVICE_CONTROL) with its CTL_CODE, buffers, and the NTSTATUS and
 * Information it completed with. WDM_IOCTL_LAST_STATUS returns the
 * NTSTATUS and Information of the file's last read, write or call.
 */
#ifndef _UAPI_WDMSHIM_H
#define _UAPI_WDMSHIM_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct wdm_ioctl {
	__u32 size;		/* in: sizeof(struct wdm_ioctl) */
	__u32 code;		/* in: the CTL_CODE */
	__u64 in;		/* in: input buffer address */
	__u64 out;		/* in: output buffer address */
	__u32 in_len;		/* in: input buffer length */
	__u32 out_len;		/* in: output buffer length */
	__s32 status;		/* out: the IRP's final NTSTATUS */
	__u32 reserved;		/* must be 0 */
	__u64 information;	/* out: IoStatus.Information */
};

struct wdm_status {
	__s32 status;		/* NTSTATUS */
	__u32 reserved;
	__u64 information;	/* IoStatus.Information */
};

#define WDM_IOCTL_CALL		_IOWR('W', 0x40, struct wdm_ioctl)
#define WDM_IOCTL_LAST_STATUS	_IOR('W', 0x41, struct wdm_status)

#endif /* _UAPI_WDMSHIM_H */
