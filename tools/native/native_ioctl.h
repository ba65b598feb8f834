/* SPDX-License-Identifier: GPL-2.0 */
/*
 * native_ioctl.h - the codes the native twins (tools/native) take in a
 * struct wdm_ioctl (uapi/wdmshim.h), shared with tools/wdmbench.c.
 */
#ifndef WDMNATIVE_IOCTL_H
#define WDMNATIVE_IOCTL_H

#define NATIVE_ECHO		1	/* samples/ioctl's ECHO */
#define NATIVE_FILL		2	/* samples/ioctl's FILL (out: pinned pages) */
#define NATIVE_ALLOC		3	/* in_len times kmalloc/kfree(out_len) */
#define NATIVE_EDU_FACTORIAL	4	/* samples/edu's FACTORIAL */
#define NATIVE_EDU_RAISE	5	/* samples/edu's RAISE */

#endif /* WDMNATIVE_IOCTL_H */
