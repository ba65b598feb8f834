// SPDX-License-Identifier: GPL-2.0
/*
 * io_irp_test.c - KUnit tests of IRP allocation, the stack location
 * inlines, IoCallDriver, the driver object and its default dispatch.
 *
 * Semantics are Windows' (DESIGN.md section 4, "IRPs"): IoAllocateIrp(n)
 * gives StackCount n, CurrentLocation n + 1 and a current stack pointer
 * one past the last location; IoInitializeIrp zeroes first; IoReuseIrp
 * keeps the allocation flags; IoCallDriver moves one location down, sets
 * its DeviceObject, calls MajorFunction[] and returns its status as is,
 * and running out of locations is reported, never a corruption. Before
 * DriverEntry every MajorFunction[] entry completes with
 * STATUS_INVALID_DEVICE_REQUEST.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <wdmshim/host.h>
#include "io_harness.h"

static PIO_STACK_LOCATION stack_base(PIRP irp)
{
	return (PIO_STACK_LOCATION)(irp + 1);
}

static void irp_allocate_fields(struct kunit *test)
{
	static const CCHAR sizes[] = { 1, 2, 3, 8 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		CCHAR n = sizes[i];
		PIRP irp = IoAllocateIrp(n, FALSE);

		KUNIT_ASSERT_NOT_NULL(test, irp);
		KUNIT_EXPECT_EQ(test, irp->Type, IO_TYPE_IRP);
		KUNIT_EXPECT_EQ(test, irp->Size, IoSizeOfIrp(n));
		KUNIT_EXPECT_EQ(test, irp->StackCount, n);
		KUNIT_EXPECT_EQ(test, irp->CurrentLocation, n + 1);
		/* No current location yet: the pointer is one past the last. */
		KUNIT_EXPECT_PTR_EQ(test, IoGetCurrentIrpStackLocation(irp),
				    stack_base(irp) + n);
		KUNIT_EXPECT_PTR_EQ(test, IoGetNextIrpStackLocation(irp),
				    stack_base(irp) + n - 1);
		KUNIT_EXPECT_EQ(test, irp->Flags, 0U);
		KUNIT_EXPECT_NULL(test, irp->MdlAddress);
		KUNIT_EXPECT_NULL(test, irp->AssociatedIrp.SystemBuffer);
		KUNIT_EXPECT_EQ(test, irp->IoStatus.Status, 0);
		KUNIT_EXPECT_EQ(test, irp->IoStatus.Information, 0UL);
		KUNIT_EXPECT_FALSE(test, irp->PendingReturned);
		KUNIT_EXPECT_FALSE(test, irp->Cancel);
		KUNIT_EXPECT_NULL(test, irp->CancelRoutine);
		KUNIT_EXPECT_NULL(test, irp->UserIosb);
		KUNIT_EXPECT_NULL(test, irp->UserEvent);
		KUNIT_EXPECT_NULL(test, irp->UserBuffer);
		KUNIT_EXPECT_TRUE(test, IsListEmpty(&irp->ThreadListEntry));
		/* Every stack location zeroed. */
		KUNIT_EXPECT_NULL(test, memchr_inv(stack_base(irp), 0,
						   n * sizeof(IO_STACK_LOCATION)));
		IoFreeIrp(irp);
	}
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void irp_allocation_charged_to_caller(struct kunit *test)
{
	struct iot *t = iot_of(test);
	struct wdm_pool_account *acct = NULL;
	long blocks = iot_blocks(test);
	struct wdm_irp *w;
	u32 tag = 0;
	PIRP irp;

	irp = IoAllocateIrp(2, FALSE);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	w = wdm_irp_of(irp);
	KUNIT_ASSERT_NOT_NULL(test, w);
	/* A pool block of the calling driver, tagged 'Irp '. */
	KUNIT_EXPECT_TRUE(test, wdm_pool_lookup(w, &tag, NULL, &acct));
	KUNIT_EXPECT_EQ(test, tag, (u32)WDM_TAG_IRP);
	KUNIT_EXPECT_PTR_EQ(test, acct, &t->drv->acct);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks + 1);
	IoFreeIrp(irp);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(w, NULL, NULL, NULL));
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void irp_size_of(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, IoSizeOfIrp(0), (USHORT)sizeof(IRP));
	KUNIT_EXPECT_EQ(test, IoSizeOfIrp(1),
			(USHORT)(sizeof(IRP) + sizeof(IO_STACK_LOCATION)));
	KUNIT_EXPECT_EQ(test, IoSizeOfIrp(5) - IoSizeOfIrp(4),
			(int)sizeof(IO_STACK_LOCATION));
	KUNIT_EXPECT_EQ(test, IoSizeOfIrp(10),
			(USHORT)(sizeof(IRP) + 10 * sizeof(IO_STACK_LOCATION)));
}

static void irp_initialize_zeroes(struct kunit *test)
{
	USHORT size = IoSizeOfIrp(3);
	struct iot_origin o;
	PDEVICE_OBJECT dev;
	IRP expect;
	PIRP irp;

	irp = kunit_kmalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	memset(irp, 0xa5, size);
	IoInitializeIrp(irp, size, 3);

	memset(&expect, 0, sizeof(expect));
	expect.Type = IO_TYPE_IRP;
	expect.Size = size;
	expect.StackCount = 3;
	expect.CurrentLocation = 4;
	InitializeListHead(&expect.ThreadListEntry);
	expect.ThreadListEntry.Flink = &irp->ThreadListEntry;
	expect.ThreadListEntry.Blink = &irp->ThreadListEntry;
	expect.Tail.Overlay.CurrentStackLocation = stack_base(irp) + 3;
	KUNIT_EXPECT_EQ(test, memcmp(irp, &expect, sizeof(IRP)), 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(stack_base(irp), 0,
					   3 * sizeof(IO_STACK_LOCATION)));

	/* The caller's own IRP goes down and comes back like any other. */
	dev = iot_create(test, NULL, NULL, NULL);
	memset(&o, 0, sizeof(o));
	KeInitializeEvent(&o.done, NotificationEvent, FALSE);
	IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_READ;
	IoSetCompletionRoutine(irp, iot_origin_routine, &o, TRUE, TRUE, TRUE);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iot_dev(dev)->calls, 1);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void irp_reuse_keeps_allocation_flags(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	USHORT size = IoSizeOfIrp(2);
	struct iot_origin o;
	UCHAR flags;
	PIRP irp, own;

	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	flags = irp->AllocationFlags;
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, o.calls, 1);

	irp->Cancel = TRUE;
	irp->PendingReturned = TRUE;
	irp->Flags = IRP_BUFFERED_IO;
	irp->IoStatus.Information = 55;
	IoReuseIrp(irp, STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, irp->AllocationFlags, flags);
	KUNIT_EXPECT_EQ(test, irp->IoStatus.Status, STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, irp->IoStatus.Information, 0UL);
	KUNIT_EXPECT_FALSE(test, irp->Cancel);
	KUNIT_EXPECT_FALSE(test, irp->PendingReturned);
	KUNIT_EXPECT_EQ(test, irp->Flags, 0U);
	KUNIT_EXPECT_EQ(test, irp->Type, IO_TYPE_IRP);
	KUNIT_EXPECT_EQ(test, irp->Size, IoSizeOfIrp(1));
	KUNIT_EXPECT_EQ(test, irp->StackCount, 1);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 2);
	KUNIT_EXPECT_PTR_EQ(test, IoGetCurrentIrpStackLocation(irp),
			    stack_base(irp) + 1);

	/* And it can be sent again. */
	IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_WRITE;
	IoSetCompletionRoutine(irp, iot_origin_routine, &o, TRUE, TRUE, TRUE);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, o.calls, 2);
	KUNIT_EXPECT_EQ(test, iot_dev(dev)->major, IRP_MJ_WRITE);
	IoFreeIrp(irp);

	/* The caller's own memory: whatever flags it has are kept too. */
	own = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, own);
	IoInitializeIrp(own, size, 2);
	own->AllocationFlags = 0x04;
	own->Cancel = TRUE;
	IoReuseIrp(own, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, own->AllocationFlags, 0x04);
	KUNIT_EXPECT_FALSE(test, own->Cancel);
	KUNIT_EXPECT_EQ(test, own->CurrentLocation, 3);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void irp_current_and_next_location(struct kunit *test)
{
	PIRP irp = IoAllocateIrp(3, FALSE);
	PIO_STACK_LOCATION base;

	KUNIT_ASSERT_NOT_NULL(test, irp);
	base = stack_base(irp);
	/* Sending moves down one location: the next becomes current. */
	IoSetNextIrpStackLocation(irp);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 3);
	KUNIT_EXPECT_PTR_EQ(test, IoGetCurrentIrpStackLocation(irp), base + 2);
	KUNIT_EXPECT_PTR_EQ(test, IoGetNextIrpStackLocation(irp), base + 1);
	IoSetNextIrpStackLocation(irp);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 2);
	KUNIT_EXPECT_PTR_EQ(test, IoGetCurrentIrpStackLocation(irp), base + 1);
	KUNIT_EXPECT_PTR_EQ(test, IoGetNextIrpStackLocation(irp), base);
	IoFreeIrp(irp);
}

static void irp_skip_current_location(struct kunit *test)
{
	PIRP irp = IoAllocateIrp(3, FALSE);
	PIO_STACK_LOCATION base;

	KUNIT_ASSERT_NOT_NULL(test, irp);
	base = stack_base(irp);
	IoSetNextIrpStackLocation(irp);
	IoSetNextIrpStackLocation(irp);
	/* Skipping steps back up: the next location is the current one. */
	IoSkipCurrentIrpStackLocation(irp);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 3);
	KUNIT_EXPECT_PTR_EQ(test, IoGetCurrentIrpStackLocation(irp), base + 2);
	KUNIT_EXPECT_PTR_EQ(test, IoGetNextIrpStackLocation(irp), base + 1);
	IoSkipCurrentIrpStackLocation(irp);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 4);
	KUNIT_EXPECT_PTR_EQ(test, IoGetCurrentIrpStackLocation(irp), base + 3);
	IoFreeIrp(irp);
}

static NTSTATUS NTAPI routine_a(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	return STATUS_SUCCESS;
}

static NTSTATUS NTAPI routine_b(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	return STATUS_SUCCESS;
}

static void irp_copy_current_to_next(struct kunit *test)
{
	PIRP irp = IoAllocateIrp(2, FALSE);
	PIO_STACK_LOCATION cur, next;
	int a, b, input;
	FILE_OBJECT fo;
	DEVICE_OBJECT d;

	KUNIT_ASSERT_NOT_NULL(test, irp);
	IoSetNextIrpStackLocation(irp);
	cur = IoGetCurrentIrpStackLocation(irp);
	next = IoGetNextIrpStackLocation(irp);
	cur->MajorFunction = IRP_MJ_DEVICE_CONTROL;
	cur->MinorFunction = 7;
	cur->Flags = 0x5a;
	cur->Control = SL_PENDING_RETURNED | SL_INVOKE_ON_SUCCESS;
	cur->Parameters.DeviceIoControl.OutputBufferLength = 11;
	cur->Parameters.DeviceIoControl.InputBufferLength = 22;
	cur->Parameters.DeviceIoControl.IoControlCode = 0x222003;
	cur->Parameters.DeviceIoControl.Type3InputBuffer = &input;
	cur->DeviceObject = &d;
	cur->FileObject = &fo;
	cur->CompletionRoutine = routine_a;
	cur->Context = &a;
	next->Control = 0xff;
	next->CompletionRoutine = routine_b;
	next->Context = &b;

	IoCopyCurrentIrpStackLocationToNext(irp);
	/* Everything up to the completion routine, Control cleared. */
	KUNIT_EXPECT_EQ(test, next->MajorFunction, IRP_MJ_DEVICE_CONTROL);
	KUNIT_EXPECT_EQ(test, next->MinorFunction, 7);
	KUNIT_EXPECT_EQ(test, next->Flags, 0x5a);
	KUNIT_EXPECT_EQ(test, next->Control, 0);
	KUNIT_EXPECT_EQ(test, memcmp(&next->Parameters, &cur->Parameters,
				     sizeof(cur->Parameters)), 0);
	KUNIT_EXPECT_PTR_EQ(test, next->DeviceObject, &d);
	KUNIT_EXPECT_PTR_EQ(test, next->FileObject, &fo);
	KUNIT_EXPECT_PTR_EQ(test, next->CompletionRoutine, &routine_b);
	KUNIT_EXPECT_PTR_EQ(test, next->Context, (PVOID)&b);
	/* The current location is untouched. */
	KUNIT_EXPECT_EQ(test, cur->Control,
			SL_PENDING_RETURNED | SL_INVOKE_ON_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, cur->CompletionRoutine, &routine_a);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 2);
	IoFreeIrp(irp);
}

static void irp_set_completion_routine_next_location(struct kunit *test)
{
	PIRP irp = IoAllocateIrp(2, FALSE);
	PIO_STACK_LOCATION cur, next;
	int ctx, mask;

	KUNIT_ASSERT_NOT_NULL(test, irp);
	IoSetNextIrpStackLocation(irp);
	cur = IoGetCurrentIrpStackLocation(irp);
	next = IoGetNextIrpStackLocation(irp);
	cur->Control = SL_INVOKE_ON_ERROR;
	cur->CompletionRoutine = routine_a;
	for (mask = 0; mask < 8; mask++) {
		UCHAR want = (mask & 1 ? SL_INVOKE_ON_SUCCESS : 0) |
			     (mask & 2 ? SL_INVOKE_ON_ERROR : 0) |
			     (mask & 4 ? SL_INVOKE_ON_CANCEL : 0);

		next->Control = SL_PENDING_RETURNED;
		IoSetCompletionRoutine(irp, routine_b, &ctx, mask & 1,
				       mask & 2, mask & 4);
		KUNIT_EXPECT_EQ_MSG(test, next->Control, want, "mask %d", mask);
		KUNIT_EXPECT_PTR_EQ(test, next->CompletionRoutine, &routine_b);
		KUNIT_EXPECT_PTR_EQ(test, next->Context, (PVOID)&ctx);
	}
	KUNIT_EXPECT_EQ(test, cur->Control, SL_INVOKE_ON_ERROR);
	KUNIT_EXPECT_PTR_EQ(test, cur->CompletionRoutine, &routine_a);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 2);
	IoFreeIrp(irp);
}

static void irp_mark_pending_current_location(struct kunit *test)
{
	PIRP irp = IoAllocateIrp(2, FALSE);
	PIO_STACK_LOCATION cur, next;

	KUNIT_ASSERT_NOT_NULL(test, irp);
	IoSetNextIrpStackLocation(irp);
	cur = IoGetCurrentIrpStackLocation(irp);
	next = IoGetNextIrpStackLocation(irp);
	cur->Control = SL_INVOKE_ON_ERROR;
	IoMarkIrpPending(irp);
	KUNIT_EXPECT_EQ(test, cur->Control,
			SL_INVOKE_ON_ERROR | SL_PENDING_RETURNED);
	KUNIT_EXPECT_EQ(test, next->Control, 0);
	/* Not the IRP's PendingReturned: the completion walk sets that. */
	KUNIT_EXPECT_FALSE(test, irp->PendingReturned);
	IoFreeIrp(irp);
}

/* Dispatch: keep the IRP, return the device's status as is. */
static NTSTATUS NTAPI hold_and_return(PDEVICE_OBJECT dev, PIRP irp)
{
	struct iot_dev *d = iot_dev(dev);

	if (d->status == STATUS_PENDING)
		IoMarkIrpPending(irp);
	d->pended = irp;
	return d->status;
}

static void call_driver_moves_down_and_sets_device(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, hold_and_return, NULL);
	struct iot_dev *d = iot_dev(dev);
	struct iot_origin o;
	PIRP irp;

	dev->StackSize = 3;	/* as if two devices were below */
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, d->calls, 1);
	KUNIT_EXPECT_EQ(test, d->major, IRP_MJ_READ);
	KUNIT_EXPECT_EQ(test, d->location, 3);
	KUNIT_EXPECT_PTR_EQ(test, d->stack, stack_base(irp) + 2);
	KUNIT_EXPECT_PTR_EQ(test, d->stack_dev, dev);
	/* The location stays where the dispatch routine left it. */
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 3);
	KUNIT_EXPECT_EQ(test, o.calls, 0);

	irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_NULL(test, o.dev);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void call_driver_returns_dispatch_status(struct kunit *test)
{
	static const NTSTATUS statuses[] = {
		STATUS_SUCCESS, STATUS_PENDING, STATUS_BUFFER_OVERFLOW,
		STATUS_INVALID_PARAMETER, STATUS_TIMEOUT, (NTSTATUS)0x20001234,
	};
	PDEVICE_OBJECT dev = iot_create(test, NULL, hold_and_return, NULL);
	struct iot_origin o;
	size_t i;
	PIRP irp;

	for (i = 0; i < ARRAY_SIZE(statuses); i++) {
		iot_dev(dev)->status = statuses[i];
		irp = iot_irp(test, dev, IRP_MJ_WRITE, &o);
		KUNIT_EXPECT_EQ_MSG(test, IoCallDriver(dev, irp), statuses[i],
				    "status 0x%08x", statuses[i]);
		/* Its status is the dispatch routine's business, not set. */
		KUNIT_EXPECT_EQ(test, irp->IoStatus.Status, 0);
		irp->IoStatus.Status = STATUS_SUCCESS;
		IoCompleteRequest(irp, IO_NO_INCREMENT);
		KUNIT_EXPECT_EQ(test, o.calls, 1);
		KUNIT_EXPECT_EQ(test, o.pending, statuses[i] == STATUS_PENDING);
		IoFreeIrp(irp);
	}
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void call_driver_skip_shares_location(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT top = iot_attach(test, bottom, iot_pass_skip, NULL);
	struct iot_origin o;
	PIRP irp;

	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iot_dev(top)->location, 2);
	KUNIT_EXPECT_PTR_EQ(test, iot_dev(top)->stack, stack_base(irp) + 1);
	/* The lower driver got the same location, now naming its device. */
	KUNIT_EXPECT_EQ(test, iot_dev(bottom)->location, 2);
	KUNIT_EXPECT_PTR_EQ(test, iot_dev(bottom)->stack, stack_base(irp) + 1);
	KUNIT_EXPECT_PTR_EQ(test, iot_dev(bottom)->stack_dev, bottom);
	KUNIT_EXPECT_EQ(test, iot_dev(bottom)->major, IRP_MJ_READ);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_NULL(test, o.dev);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void call_driver_copy_uses_next_location(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT top = iot_attach(test, bottom, iot_pass_copy, NULL);
	struct iot_origin o;
	PIRP irp;

	irp = iot_irp(test, top, IRP_MJ_FLUSH_BUFFERS, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, iot_dev(top)->stack_dev, top);
	KUNIT_EXPECT_EQ(test, iot_dev(bottom)->location, 1);
	KUNIT_EXPECT_PTR_EQ(test, iot_dev(bottom)->stack, stack_base(irp));
	KUNIT_EXPECT_PTR_EQ(test, iot_dev(bottom)->stack_dev, bottom);
	KUNIT_EXPECT_EQ(test, iot_dev(bottom)->major, IRP_MJ_FLUSH_BUFFERS);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* Dispatch: call the lower device without setting up a location. */
static NTSTATUS NTAPI call_lower(PDEVICE_OBJECT dev, PIRP irp)
{
	return IoCallDriver(iot_dev(dev)->lower, irp);
}

static void call_driver_out_of_locations_reported(struct kunit *test)
{
	PDEVICE_OBJECT lower = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT dev = iot_create(test, NULL, call_lower, NULL);
	struct iot_origin o;
	PIRP irp;

	/* Not attached: the IRP has one location, none left for lower. */
	iot_dev(dev)->lower = lower;
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_EQ(test, iot_dev(dev)->calls, 1);
	KUNIT_EXPECT_EQ(test, iot_dev(lower)->calls, 0);
	/* The IRP was completed with the error, within its locations. */
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_EQ(test, o.status, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 2);
	KUNIT_EXPECT_EQ(test, irp->StackCount, 1);
	IoFreeIrp(irp);
}

static void driver_default_dispatch(struct kunit *test)
{
	static const UCHAR unset[] = {
		IRP_MJ_QUERY_INFORMATION, IRP_MJ_SET_INFORMATION,
		IRP_MJ_SHUTDOWN, IRP_MJ_SYSTEM_CONTROL, IRP_MJ_POWER,
		IRP_MJ_PNP,
	};
	struct iot *t = iot_of(test);
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	PDRIVER_DISPATCH def = t->initial[0];
	struct iot_origin o;
	size_t i;
	PIRP irp;

	/* Before DriverEntry: every entry set, all to the same routine. */
	KUNIT_ASSERT_NOT_NULL(test, def);
	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		KUNIT_EXPECT_PTR_EQ_MSG(test, t->initial[i], def, "major %zu", i);

	for (i = 0; i < ARRAY_SIZE(unset); i++) {
		KUNIT_EXPECT_PTR_EQ(test, t->obj->MajorFunction[unset[i]], def);
		irp = iot_irp(test, dev, unset[i], &o);
		irp->IoStatus.Information = 123;
		KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp),
				STATUS_INVALID_DEVICE_REQUEST);
		KUNIT_EXPECT_EQ(test, o.calls, 1);
		KUNIT_EXPECT_EQ(test, o.status, STATUS_INVALID_DEVICE_REQUEST);
		KUNIT_EXPECT_EQ(test, o.information, 0UL);
		IoFreeIrp(irp);
	}
	KUNIT_EXPECT_EQ(test, iot_dev(dev)->calls, 0);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void driver_object_fields(struct kunit *test)
{
	struct iot *t = iot_of(test);
	PDRIVER_OBJECT obj = t->obj;
	UNICODE_STRING s;

	KUNIT_EXPECT_EQ(test, obj->Type, IO_TYPE_DRIVER);
	KUNIT_EXPECT_EQ(test, obj->Size, (CSHORT)sizeof(DRIVER_OBJECT));
	KUNIT_ASSERT_NOT_NULL(test, obj->DriverExtension);
	KUNIT_EXPECT_PTR_EQ(test, obj->DriverExtension->DriverObject, obj);
	KUNIT_EXPECT_NOT_NULL(test, obj->DriverInit);
	KUNIT_EXPECT_NOT_NULL(test, obj->DriverUnload);
	RtlInitUnicodeString(&s, L"\\Driver\\kunit_io");
	KUNIT_EXPECT_TRUE(test, RtlEqualUnicodeString(&obj->DriverName, &s,
						      FALSE));
	RtlInitUnicodeString(&s, L"kunit_io");
	KUNIT_EXPECT_TRUE(test, RtlEqualUnicodeString(&obj->DriverExtension->ServiceKeyName,
						      &s, FALSE));
	RtlInitUnicodeString(&s,
			     L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\kunit_io");
	KUNIT_ASSERT_NOT_NULL(test, t->registry_path);
	KUNIT_EXPECT_TRUE(test, RtlEqualUnicodeString(t->registry_path, &s,
						      TRUE));
}

static void driver_entry_devices_initialized(struct kunit *test)
{
	struct iot *t = iot_of(test);
	PDEVICE_OBJECT dev;

	/* Created in DriverEntry: initializing there, cleared after it. */
	KUNIT_ASSERT_NOT_NULL(test, t->entry_dev);
	KUNIT_EXPECT_TRUE(test, t->entry_dev_flags & DO_DEVICE_INITIALIZING);
	KUNIT_EXPECT_FALSE(test, t->entry_dev->Flags & DO_DEVICE_INITIALIZING);
	KUNIT_EXPECT_PTR_EQ(test, t->obj->DeviceObject, t->entry_dev);
	/* Created later: the driver clears it itself. */
	KUNIT_ASSERT_EQ(test, IoCreateDevice(t->obj, 0, NULL, FILE_DEVICE_UNKNOWN,
					     0, FALSE, &dev), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, dev->Flags & DO_DEVICE_INITIALIZING);
	IoDeleteDevice(dev);
}

static NTSTATUS NTAPI failing_entry(PDRIVER_OBJECT obj, PUNICODE_STRING path)
{
	UNICODE_STRING name;
	PDEVICE_OBJECT dev;

	RtlInitUnicodeString(&name, L"\\Device\\kunit_io_failing");
	if (!NT_SUCCESS(IoCreateDevice(obj, 16, &name, FILE_DEVICE_UNKNOWN, 0,
				       FALSE, &dev)))
		return STATUS_UNSUCCESSFUL;
	return STATUS_INSUFFICIENT_RESOURCES;
}

static void driver_entry_failure_undone(struct kunit *test)
{
	int refs = module_refcount(THIS_MODULE);
	void *handle = NULL;
	UNICODE_STRING name;
	PDEVICE_OBJECT dev;

	KUNIT_EXPECT_EQ(test, wdm_driver_load(&handle, THIS_MODULE,
					      "kunit_io_failing", failing_entry),
			-ENOMEM);
	KUNIT_EXPECT_NULL(test, handle);
	/*
	 * The device it created is gone (its name is free again), and no
	 * module reference was taken.
	 */
	RtlInitUnicodeString(&name, L"\\Device\\kunit_io_failing");
	KUNIT_EXPECT_EQ(test, IoCreateDevice(iot_of(test)->obj, 0, &name,
					     FILE_DEVICE_UNKNOWN, 0, FALSE, &dev),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	/* Our own driver's account is again the one of this module. */
	KUNIT_EXPECT_PTR_EQ(test, wdm_pool_account_of(_THIS_IP_),
			    &iot_of(test)->drv->acct);
}

static struct kunit_case io_irp_cases[] = {
	KUNIT_CASE(irp_allocate_fields),
	KUNIT_CASE(irp_allocation_charged_to_caller),
	KUNIT_CASE(irp_size_of),
	KUNIT_CASE(irp_initialize_zeroes),
	KUNIT_CASE(irp_reuse_keeps_allocation_flags),
	KUNIT_CASE(irp_current_and_next_location),
	KUNIT_CASE(irp_skip_current_location),
	KUNIT_CASE(irp_copy_current_to_next),
	KUNIT_CASE(irp_set_completion_routine_next_location),
	KUNIT_CASE(irp_mark_pending_current_location),
	KUNIT_CASE(call_driver_moves_down_and_sets_device),
	KUNIT_CASE(call_driver_returns_dispatch_status),
	KUNIT_CASE(call_driver_skip_shares_location),
	KUNIT_CASE(call_driver_copy_uses_next_location),
	KUNIT_CASE(call_driver_out_of_locations_reported),
	KUNIT_CASE(driver_default_dispatch),
	KUNIT_CASE(driver_object_fields),
	KUNIT_CASE(driver_entry_devices_initialized),
	KUNIT_CASE(driver_entry_failure_undone),
	{}
};

static struct kunit_suite io_irp_suite = {
	.name = "wdmshim_io_irp",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = io_irp_cases,
};

kunit_test_suites(&io_irp_suite);
