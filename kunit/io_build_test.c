// SPDX-License-Identifier: GPL-2.0
/*
 * io_build_test.c - KUnit tests of the IRPs a driver builds for its own
 * requests: IoBuildDeviceIoControlRequest, IoBuildSynchronousFsdRequest
 * and IoBuildAsynchronousFsdRequest.
 *
 * Semantics are Windows' (DESIGN.md section 4, "IRPs"): the request is in
 * the IRP's first (next) location, sized for the target's stack; buffers
 * follow the ioctl method or the device's DO_BUFFERED_IO/DO_DIRECT_IO.
 * When the completion walk reaches the top, the I/O manager copies
 * buffered output back (Information bytes only, never more than the
 * caller's buffer, only when !NT_ERROR), releases the MDLs, fills the
 * IOSB, signals the event and frees the IRP. An asynchronous IRP is
 * usually taken back by its completion routine (IoFreeIrp and
 * STATUS_MORE_PROCESSING_REQUIRED); the I/O manager's part then never
 * runs.
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "io_harness.h"

#define IOCTL_BUFFERED	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_IN_DIRECT	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_IN_DIRECT, FILE_ANY_ACCESS)
#define IOCTL_OUT_DIRECT CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_OUT_DIRECT, FILE_ANY_ACCESS)
#define IOCTL_NEITHER	CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_NEITHER, FILE_ANY_ACCESS)

#define SENTINEL 0xee

/* The target's behaviour and what its dispatch routine saw. */
struct build_ctx {
	NTSTATUS status;
	ULONG_PTR information;
	ULONG fill;			/* bytes of pattern written as output */
	bool pend;
	/* seen */
	UCHAR major;
	ULONG code, in_len, out_len, length;
	LARGE_INTEGER offset;
	PVOID type3, sysbuf, user_buffer;
	PMDL mdl;
	PVOID mdl_va;			/* MmGetMdlVirtualAddress */
	ULONG mdl_count;		/* MmGetMdlByteCount */
	u8 mdl_data[16];		/* the MDL's first bytes, mapped */
	ULONG flags;
	KPROCESSOR_MODE mode;
	PKEVENT event;
	PIO_STATUS_BLOCK iosb;
	u8 input[16];			/* the system buffer's first bytes */
};

static NTSTATUS NTAPI build_dispatch(PDEVICE_OBJECT dev, PIRP irp)
{
	struct build_ctx *c = iot_dev(dev)->ctx;
	PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
	u8 *out = NULL;
	ULONG i;

	c->major = s->MajorFunction;
	if (c->major == IRP_MJ_READ || c->major == IRP_MJ_WRITE) {
		c->length = s->Parameters.Read.Length;
		c->offset = s->Parameters.Read.ByteOffset;
	} else {
		c->code = s->Parameters.DeviceIoControl.IoControlCode;
		c->in_len = s->Parameters.DeviceIoControl.InputBufferLength;
		c->out_len = s->Parameters.DeviceIoControl.OutputBufferLength;
		c->type3 = s->Parameters.DeviceIoControl.Type3InputBuffer;
	}
	c->sysbuf = irp->AssociatedIrp.SystemBuffer;
	c->user_buffer = irp->UserBuffer;
	c->mdl = irp->MdlAddress;
	c->flags = irp->Flags;
	c->mode = irp->RequestorMode;
	c->event = irp->UserEvent;
	c->iosb = irp->UserIosb;
	if (c->sysbuf)
		memcpy(c->input, c->sysbuf, min_t(ULONG, sizeof(c->input),
						  max(c->in_len, c->length)));
	if (c->mdl) {
		c->mdl_va = MmGetMdlVirtualAddress(c->mdl);
		c->mdl_count = MmGetMdlByteCount(c->mdl);
		out = MmGetSystemAddressForMdlSafe(c->mdl, NormalPagePriority);
		if (out)
			memcpy(c->mdl_data, out, min_t(ULONG, sizeof(c->mdl_data),
						       c->mdl_count));
	} else if (c->sysbuf) {
		out = c->sysbuf;
	} else {
		out = irp->UserBuffer;
	}
	for (i = 0; out && i < c->fill; i++)
		out[i] = 0x40 + i;
	if (c->pend) {
		IoMarkIrpPending(irp);
		iot_dev(dev)->pended = irp;
		return STATUS_PENDING;
	}
	irp->IoStatus.Status = c->status;
	irp->IoStatus.Information = c->information;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return c->status;
}

static bool is_pattern(const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (u8)(0x40 + i))
			return false;
	return true;
}

static u8 *sentinel_buffer(struct kunit *test, size_t n)
{
	u8 *p = kunit_kmalloc(test, n, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, SENTINEL, n);
	return p;
}

static NTSTATUS kwait(PKEVENT ev, PLARGE_INTEGER timeout)
{
	return KeWaitForSingleObject(ev, Executive, KernelMode, FALSE, timeout);
}

/* Blocks of the shim's own account (what the I/O manager allocates). */
static long shim_blocks(void)
{
	return atomic_long_read(&wdm_pool_account_of(0)->blocks);
}

static void build_ioctl_buffered(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 5,
			       .fill = 16 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	long blocks = iot_blocks(test);
	u8 in[8] = "inputxx", *out = sentinel_buffer(test, 32);
	IO_STATUS_BLOCK iosb = { .Status = 0x12345678, .Information = 99 };
	LARGE_INTEGER zero = { .QuadPart = 0 };
	struct wdm_irp *w;
	KEVENT ev;
	PIRP irp;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	dev->StackSize = 2;
	irp = IoBuildDeviceIoControlRequest(IOCTL_BUFFERED, dev, in, sizeof(in),
					    out, 16, FALSE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	w = wdm_irp_of(irp);
	KUNIT_EXPECT_EQ(test, irp->StackCount, 2);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 3);
	KUNIT_EXPECT_EQ(test, IoGetNextIrpStackLocation(irp)->MajorFunction,
			IRP_MJ_DEVICE_CONTROL);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks + 1);
	dev->StackSize = 1;

	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, c.major, IRP_MJ_DEVICE_CONTROL);
	KUNIT_EXPECT_EQ(test, c.code, (ULONG)IOCTL_BUFFERED);
	KUNIT_EXPECT_EQ(test, c.in_len, 8U);
	KUNIT_EXPECT_EQ(test, c.out_len, 16U);
	KUNIT_EXPECT_NOT_NULL(test, c.sysbuf);
	KUNIT_EXPECT_EQ(test, memcmp(c.input, in, sizeof(in)), 0);
	KUNIT_EXPECT_TRUE(test, c.flags & IRP_BUFFERED_IO);
	KUNIT_EXPECT_PTR_EQ(test, c.user_buffer, (PVOID)out);
	KUNIT_EXPECT_NULL(test, c.mdl);
	KUNIT_EXPECT_EQ(test, c.mode, KernelMode);
	KUNIT_EXPECT_PTR_EQ(test, c.event, &ev);
	KUNIT_EXPECT_PTR_EQ(test, c.iosb, &iosb);

	/* Only Information bytes came back; the event and IOSB are set. */
	KUNIT_EXPECT_TRUE(test, is_pattern(out, 5));
	KUNIT_EXPECT_NULL(test, memchr_inv(out + 5, SENTINEL, 27));
	KUNIT_EXPECT_EQ(test, iosb.Status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iosb.Information, 5UL);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	KUNIT_EXPECT_EQ(test, kwait(&ev, &zero), STATUS_SUCCESS);
	/* Freed by the I/O manager. */
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(w, NULL, NULL, NULL));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void build_ioctl_information_clamped(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 1000,
			       .fill = 16 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	long blocks = iot_blocks(test);
	u8 *out = sentinel_buffer(test, 32);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;
	PIRP irp;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildDeviceIoControlRequest(IOCTL_BUFFERED, dev, NULL, 0, out,
					    16, FALSE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	/* Never more than the caller's buffer. */
	KUNIT_EXPECT_TRUE(test, is_pattern(out, 16));
	KUNIT_EXPECT_NULL(test, memchr_inv(out + 16, SENTINEL, 16));
	KUNIT_EXPECT_EQ(test, iosb.Information, 1000UL);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
}

static void build_ioctl_error_not_copied(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_INVALID_PARAMETER,
			       .information = 4, .fill = 16 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	long blocks = iot_blocks(test);
	u8 *out = sentinel_buffer(test, 16);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;
	PIRP irp;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildDeviceIoControlRequest(IOCTL_BUFFERED, dev, NULL, 0, out,
					    16, FALSE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, memchr_inv(out, SENTINEL, 16));
	KUNIT_EXPECT_EQ(test, iosb.Status, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iosb.Information, 4UL);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));

	/* A warning is not an error: its Information bytes come back. */
	c.status = STATUS_BUFFER_OVERFLOW;
	KeClearEvent(&ev);
	irp = IoBuildDeviceIoControlRequest(IOCTL_BUFFERED, dev, NULL, 0, out,
					    16, FALSE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_BUFFER_OVERFLOW);
	KUNIT_EXPECT_TRUE(test, is_pattern(out, 4));
	KUNIT_EXPECT_NULL(test, memchr_inv(out + 4, SENTINEL, 12));
	KUNIT_EXPECT_EQ(test, iosb.Status, STATUS_BUFFER_OVERFLOW);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void build_ioctl_internal_no_buffers(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	long blocks = iot_blocks(test);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;
	PIRP irp;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildDeviceIoControlRequest(IOCTL_BUFFERED, dev, NULL, 0, NULL,
					    0, TRUE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, c.major, IRP_MJ_INTERNAL_DEVICE_CONTROL);
	KUNIT_EXPECT_NULL(test, c.sysbuf);
	KUNIT_EXPECT_NULL(test, c.mdl);
	KUNIT_EXPECT_EQ(test, iosb.Status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
}

struct completer {
	PDEVICE_OBJECT dev;
	NTSTATUS status;
	ULONG_PTR information;
};

static int complete_later(void *arg)
{
	struct completer *k = arg;
	PIRP irp = iot_dev(k->dev)->pended;

	msleep(20);
	irp->IoStatus.Status = k->status;
	irp->IoStatus.Information = k->information;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return iot_wait_for_stop();
}

static void build_ioctl_pending_completed_later(struct kunit *test)
{
	struct build_ctx c = { .fill = 8, .pend = true };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	struct completer k = { .dev = dev, .status = STATUS_SUCCESS,
			       .information = 6 };
	IO_STATUS_BLOCK iosb = { .Status = 0x12345678, .Information = 99 };
	long blocks = iot_blocks(test);
	u8 *out = sentinel_buffer(test, 8);
	struct task_struct *task;
	KEVENT ev;
	PIRP irp;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildDeviceIoControlRequest(IOCTL_BUFFERED, dev, NULL, 0, out,
					    8, FALSE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	/* Nothing happens to the caller's side until it completes. */
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 0);
	KUNIT_EXPECT_EQ(test, iosb.Status, 0x12345678);
	KUNIT_EXPECT_NULL(test, memchr_inv(out, SENTINEL, 8));

	task = kthread_run(complete_later, &k, "kunit_complete");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	KUNIT_EXPECT_EQ(test, kwait(&ev, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iosb.Status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iosb.Information, 6UL);
	KUNIT_EXPECT_TRUE(test, is_pattern(out, 6));
	KUNIT_EXPECT_NULL(test, memchr_inv(out + 6, SENTINEL, 2));
	kthread_stop(task);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void build_ioctl_direct(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 10,
			       .fill = 10 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	long blocks = iot_blocks(test), shim = shim_blocks();
	u8 in[4] = { 1, 2, 3, 4 }, *out = sentinel_buffer(test, 64);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;
	PIRP irp;

	/* METHOD_OUT_DIRECT: output through a locked MDL of the buffer. */
	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildDeviceIoControlRequest(IOCTL_OUT_DIRECT, dev, in, 4, out,
					    64, FALSE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_NOT_NULL(test, c.mdl);
	KUNIT_EXPECT_PTR_EQ(test, c.mdl_va, (PVOID)out);
	KUNIT_EXPECT_EQ(test, c.mdl_count, 64U);
	KUNIT_EXPECT_NOT_NULL(test, c.sysbuf);
	KUNIT_EXPECT_EQ(test, memcmp(c.input, in, 4), 0);
	KUNIT_EXPECT_TRUE(test, is_pattern(out, 10));
	KUNIT_EXPECT_NULL(test, memchr_inv(out + 10, SENTINEL, 54));
	KUNIT_EXPECT_EQ(test, iosb.Information, 10UL);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);

	/* METHOD_IN_DIRECT: the driver reads the "output" buffer. */
	memset(&c, 0, sizeof(c));
	KeClearEvent(&ev);
	irp = IoBuildDeviceIoControlRequest(IOCTL_IN_DIRECT, dev, NULL, 0, out,
					    64, FALSE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_NOT_NULL(test, c.mdl);
	KUNIT_EXPECT_NULL(test, c.sysbuf);
	KUNIT_EXPECT_TRUE(test, is_pattern(c.mdl_data, 10));
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);

	/* IRPs, MDLs and system buffers all released. */
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
	KUNIT_EXPECT_EQ(test, shim_blocks(), shim);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void build_ioctl_neither(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 3,
			       .fill = 3 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	long blocks = iot_blocks(test);
	u8 in[4] = { 9, 8, 7, 6 }, *out = sentinel_buffer(test, 8);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;
	PIRP irp;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildDeviceIoControlRequest(IOCTL_NEITHER, dev, in, 4, out, 8,
					    FALSE, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	/* The caller's buffers as they are. */
	KUNIT_EXPECT_PTR_EQ(test, c.type3, (PVOID)in);
	KUNIT_EXPECT_PTR_EQ(test, c.user_buffer, (PVOID)out);
	KUNIT_EXPECT_NULL(test, c.sysbuf);
	KUNIT_EXPECT_NULL(test, c.mdl);
	KUNIT_EXPECT_TRUE(test, is_pattern(out, 3));
	KUNIT_EXPECT_EQ(test, iosb.Information, 3UL);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
}

static void build_sync_fsd_read_buffered(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 20,
			       .fill = 32 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	LARGE_INTEGER off = { .QuadPart = 4096 };
	long blocks = iot_blocks(test);
	u8 *buf = sentinel_buffer(test, 40);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;
	PIRP irp;

	dev->Flags |= DO_BUFFERED_IO;
	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildSynchronousFsdRequest(IRP_MJ_READ, dev, buf, 32, &off,
					   &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, c.major, IRP_MJ_READ);
	KUNIT_EXPECT_EQ(test, c.length, 32U);
	KUNIT_EXPECT_EQ(test, c.offset.QuadPart, 4096LL);
	KUNIT_EXPECT_NOT_NULL(test, c.sysbuf);
	KUNIT_EXPECT_PTR_NE(test, c.sysbuf, (PVOID)buf);
	KUNIT_EXPECT_EQ(test, c.mode, KernelMode);
	KUNIT_EXPECT_TRUE(test, is_pattern(buf, 20));
	KUNIT_EXPECT_NULL(test, memchr_inv(buf + 20, SENTINEL, 20));
	KUNIT_EXPECT_EQ(test, iosb.Status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iosb.Information, 20UL);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void build_sync_fsd_write_buffered(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 16 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	u8 data[16] = "write me please";
	long blocks = iot_blocks(test);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;
	PIRP irp;

	dev->Flags |= DO_BUFFERED_IO;
	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildSynchronousFsdRequest(IRP_MJ_WRITE, dev, data, 16, NULL,
					   &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, c.major, IRP_MJ_WRITE);
	KUNIT_EXPECT_EQ(test, c.length, 16U);
	KUNIT_EXPECT_EQ(test, c.offset.QuadPart, 0LL);
	KUNIT_EXPECT_EQ(test, memcmp(c.input, data, 16), 0);
	KUNIT_EXPECT_EQ(test, memcmp(data, "write me please", 16), 0);
	KUNIT_EXPECT_EQ(test, iosb.Information, 16UL);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
}

static void build_sync_fsd_direct_and_neither(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 12,
			       .fill = 12 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	long blocks = iot_blocks(test), shim = shim_blocks();
	u8 *buf = sentinel_buffer(test, 24);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;
	PIRP irp;

	/* DO_DIRECT_IO: a locked MDL of the caller's buffer. */
	dev->Flags |= DO_DIRECT_IO;
	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildSynchronousFsdRequest(IRP_MJ_READ, dev, buf, 24, NULL,
					   &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_NOT_NULL(test, c.mdl);
	KUNIT_EXPECT_NULL(test, c.sysbuf);
	KUNIT_EXPECT_PTR_EQ(test, c.mdl_va, (PVOID)buf);
	KUNIT_EXPECT_EQ(test, c.mdl_count, 24U);
	KUNIT_EXPECT_TRUE(test, is_pattern(buf, 12));
	KUNIT_EXPECT_NULL(test, memchr_inv(buf + 12, SENTINEL, 12));
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);

	/* Neither: the caller's buffer itself. */
	dev->Flags &= ~DO_DIRECT_IO;
	memset(&c, 0, sizeof(c));
	KeClearEvent(&ev);
	irp = IoBuildSynchronousFsdRequest(IRP_MJ_WRITE, dev, buf, 24, NULL,
					   &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, c.user_buffer, (PVOID)buf);
	KUNIT_EXPECT_NULL(test, c.sysbuf);
	KUNIT_EXPECT_NULL(test, c.mdl);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);

	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
	KUNIT_EXPECT_EQ(test, shim_blocks(), shim);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void build_sync_fsd_flush(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	long blocks = iot_blocks(test);
	IO_STATUS_BLOCK iosb = { .Status = 0x12345678 };
	KEVENT ev;
	PIRP irp;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	irp = IoBuildSynchronousFsdRequest(IRP_MJ_FLUSH_BUFFERS, dev, NULL, 0,
					   NULL, &ev, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, c.major, IRP_MJ_FLUSH_BUFFERS);
	KUNIT_EXPECT_EQ(test, iosb.Status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&ev), 1);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
}

static void build_fsd_invalid_major_reported(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	long blocks = iot_blocks(test);
	IO_STATUS_BLOCK iosb;
	KEVENT ev;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	KUNIT_EXPECT_NULL(test, IoBuildSynchronousFsdRequest(IRP_MJ_DEVICE_CONTROL,
							     dev, NULL, 0, NULL,
							     &ev, &iosb));
	KUNIT_EXPECT_NULL(test, IoBuildAsynchronousFsdRequest(IRP_MJ_CREATE, dev,
							      NULL, 0, NULL,
							      &iosb));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 2);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
}

struct async_ctx {
	int calls;
	NTSTATUS status;
	ULONG_PTR information;
	KEVENT done;
};

/* Take the IRP back: free its MDLs, then the IRP, stop the walk. */
static NTSTATUS NTAPI async_done(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	struct async_ctx *a = ctx;
	PMDL mdl, next;

	a->calls++;
	a->status = irp->IoStatus.Status;
	a->information = irp->IoStatus.Information;
	for (mdl = irp->MdlAddress; mdl; mdl = next) {
		next = mdl->Next;
		MmUnlockPages(mdl);
		IoFreeMdl(mdl);
	}
	irp->MdlAddress = NULL;
	IoFreeIrp(irp);
	KeSetEvent(&a->done, IO_NO_INCREMENT, FALSE);
	return STATUS_MORE_PROCESSING_REQUIRED;
}

static void build_async_freed_by_completion_routine(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 8,
			       .fill = 8 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	IO_STATUS_BLOCK iosb = { .Status = 0x12345678, .Information = 99 };
	long blocks = iot_blocks(test), shim = shim_blocks();
	u8 *buf = sentinel_buffer(test, 16);
	struct async_ctx a = { 0 };
	struct wdm_irp *w;
	PIRP irp;
	int round;

	/*
	 * Neither buffering, direct I/O (an MDL the routine frees), then
	 * buffered I/O (a system buffer the I/O manager allocated).
	 */
	for (round = 0; round < 3; round++) {
		if (round == 1)
			dev->Flags |= DO_DIRECT_IO;
		if (round == 2)
			dev->Flags ^= DO_DIRECT_IO | DO_BUFFERED_IO;
		a.calls = 0;
		KeInitializeEvent(&a.done, NotificationEvent, FALSE);
		memset(buf, SENTINEL, 16);
		irp = IoBuildAsynchronousFsdRequest(IRP_MJ_READ, dev, buf, 16,
						    NULL, &iosb);
		KUNIT_ASSERT_NOT_NULL(test, irp);
		w = wdm_irp_of(irp);
		KUNIT_EXPECT_NULL(test, irp->UserEvent);
		IoSetCompletionRoutine(irp, async_done, &a, TRUE, TRUE, TRUE);
		KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
		KUNIT_EXPECT_EQ(test, a.calls, 1);
		KUNIT_EXPECT_EQ(test, a.status, STATUS_SUCCESS);
		KUNIT_EXPECT_EQ(test, a.information, 8UL);
		KUNIT_EXPECT_EQ(test, KeReadStateEvent(&a.done), 1);
		KUNIT_EXPECT_EQ(test, !!c.mdl, round == 1);
		KUNIT_EXPECT_EQ(test, !!c.sysbuf, round == 2);
		/* Buffered output is copied back only by the I/O manager. */
		if (round < 2)
			KUNIT_EXPECT_TRUE(test, is_pattern(buf, 8));
		else
			KUNIT_EXPECT_NULL(test, memchr_inv(buf, SENTINEL, 16));
		/* The walk stopped: the I/O manager's part never ran. */
		KUNIT_EXPECT_EQ(test, iosb.Status, 0x12345678);
		KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(w, NULL, NULL, NULL));
		KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
	}
	KUNIT_EXPECT_EQ(test, shim_blocks(), shim);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void build_async_completed_by_io_manager(struct kunit *test)
{
	struct build_ctx c = { .status = STATUS_SUCCESS, .information = 8 };
	PDEVICE_OBJECT dev = iot_create(test, NULL, build_dispatch, &c);
	IO_STATUS_BLOCK iosb = { .Status = 0x12345678 };
	long blocks = iot_blocks(test);
	PIRP irp;

	/* No routine of the caller's: the I/O manager finishes and frees it. */
	irp = IoBuildAsynchronousFsdRequest(IRP_MJ_FLUSH_BUFFERS, dev, NULL, 0,
					    NULL, &iosb);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iosb.Status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iosb.Information, 8UL);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static struct kunit_case io_build_cases[] = {
	KUNIT_CASE(build_ioctl_buffered),
	KUNIT_CASE(build_ioctl_information_clamped),
	KUNIT_CASE(build_ioctl_error_not_copied),
	KUNIT_CASE(build_ioctl_internal_no_buffers),
	KUNIT_CASE(build_ioctl_pending_completed_later),
	KUNIT_CASE(build_ioctl_direct),
	KUNIT_CASE(build_ioctl_neither),
	KUNIT_CASE(build_sync_fsd_read_buffered),
	KUNIT_CASE(build_sync_fsd_write_buffered),
	KUNIT_CASE(build_sync_fsd_direct_and_neither),
	KUNIT_CASE(build_sync_fsd_flush),
	KUNIT_CASE(build_fsd_invalid_major_reported),
	KUNIT_CASE(build_async_freed_by_completion_routine),
	KUNIT_CASE(build_async_completed_by_io_manager),
	{}
};

static struct kunit_suite io_build_suite = {
	.name = "wdmshim_io_build",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = io_build_cases,
};

kunit_test_suites(&io_build_suite);
