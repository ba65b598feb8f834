// SPDX-License-Identifier: GPL-2.0
/*
 * io_complete_test.c - KUnit tests of IoCompleteRequest's completion walk
 * through stacks of two and three devices.
 *
 * Semantics are Windows' (DESIGN.md section 4, "IRPs"): the walk goes
 * upwards, advancing the location first; PendingReturned comes from that
 * location's pending bit; a routine runs when its SL_INVOKE_ON_* bits
 * match the outcome and gets the device of the driver that set it (NULL
 * for the originator's); with no routine called, a pending bit moves one
 * location up; STATUS_MORE_PROCESSING_REQUIRED stops the walk until the
 * IRP is completed again. Completing twice, with STATUS_PENDING or with a
 * cancel routine set is reported and harmless.
 */
#include <linux/module.h>
#include "io_harness.h"

/* One layer of a stack: its completion routine's settings and record. */
struct layer {
	struct iot *t;
	int id;				/* in the order log */
	UCHAR bits;			/* SL_INVOKE_ON_* of its routine */
	bool propagate;			/* if PendingReturned, IoMarkIrpPending */
	NTSTATUS ret;			/* what its routine returns */
	int calls;
	PDEVICE_OBJECT dev;		/* DeviceObject argument */
	PDEVICE_OBJECT cur_dev;		/* current location's DeviceObject */
	BOOLEAN pending;		/* PendingReturned seen */
	CHAR location;			/* CurrentLocation seen */
	NTSTATUS status;
	KEVENT event;			/* set by its routine */
};

static void layer_init(struct kunit *test, struct layer *l, int id,
		       UCHAR bits, bool propagate)
{
	memset(l, 0, sizeof(*l));
	l->t = iot_of(test);
	l->id = id;
	l->bits = bits;
	l->propagate = propagate;
	l->ret = STATUS_SUCCESS;
	KeInitializeEvent(&l->event, NotificationEvent, FALSE);
}

#define ALL_BITS (SL_INVOKE_ON_SUCCESS | SL_INVOKE_ON_ERROR | SL_INVOKE_ON_CANCEL)

static NTSTATUS NTAPI layer_routine(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
	struct layer *l = ctx;

	l->calls++;
	l->dev = dev;
	l->cur_dev = IoGetCurrentIrpStackLocation(irp)->DeviceObject;
	l->pending = irp->PendingReturned;
	l->location = irp->CurrentLocation;
	l->status = irp->IoStatus.Status;
	iot_log(l->t, l->id);
	if (l->propagate && irp->PendingReturned)
		IoMarkIrpPending(irp);
	KeSetEvent(&l->event, IO_NO_INCREMENT, FALSE);
	return l->ret;
}

static void layer_set_routine(PIRP irp, struct layer *l)
{
	IoSetCompletionRoutine(irp, layer_routine, l,
			       l->bits & SL_INVOKE_ON_SUCCESS,
			       l->bits & SL_INVOKE_ON_ERROR,
			       l->bits & SL_INVOKE_ON_CANCEL);
}

/* Dispatch: pass down with the layer's completion routine. */
static NTSTATUS NTAPI pass_with_routine(PDEVICE_OBJECT dev, PIRP irp)
{
	IoCopyCurrentIrpStackLocationToNext(irp);
	layer_set_routine(irp, iot_dev(dev)->ctx);
	return IoCallDriver(iot_dev(dev)->lower, irp);
}

static bool log_is(struct iot *t, const int *ids, int n)
{
	return t->nlog == n && !memcmp(t->log, ids, n * sizeof(int));
}

static void complete_order_two_devices(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, NULL, NULL);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	static const int order[] = { 2, 0 };
	PIRP irp;

	layer_init(test, &top_l, 2, ALL_BITS, false);
	top = iot_attach(test, bottom, pass_with_routine, &top_l);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, log_is(iot_of(test), order, ARRAY_SIZE(order)));
	/* Each routine gets the device of the driver that set it. */
	KUNIT_EXPECT_EQ(test, top_l.calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, top_l.dev, top);
	KUNIT_EXPECT_PTR_EQ(test, top_l.cur_dev, top);
	KUNIT_EXPECT_EQ(test, top_l.location, 2);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_NULL(test, o.dev);
	KUNIT_EXPECT_EQ(test, o.location, 3);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void complete_order_three_devices(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT mid, top;
	struct layer mid_l, top_l;
	struct iot_origin o;
	static const int order[] = { 1, 2, 0 };
	PIRP irp;

	layer_init(test, &mid_l, 1, ALL_BITS, false);
	layer_init(test, &top_l, 2, ALL_BITS, false);
	mid = iot_attach(test, bottom, pass_with_routine, &mid_l);
	top = iot_attach(test, bottom, pass_with_routine, &top_l);
	KUNIT_ASSERT_PTR_EQ(test, iot_dev(top)->lower, mid);
	KUNIT_ASSERT_EQ(test, top->StackSize, 3);
	iot_dev(bottom)->information = 9;
	irp = iot_irp(test, top, IRP_MJ_WRITE, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_SUCCESS);
	/* Bottom up: the middle driver's routine, the top's, the originator's. */
	KUNIT_EXPECT_TRUE(test, log_is(iot_of(test), order, ARRAY_SIZE(order)));
	KUNIT_EXPECT_PTR_EQ(test, mid_l.dev, mid);
	KUNIT_EXPECT_PTR_EQ(test, mid_l.cur_dev, mid);
	KUNIT_EXPECT_EQ(test, mid_l.location, 2);
	KUNIT_EXPECT_PTR_EQ(test, top_l.dev, top);
	KUNIT_EXPECT_PTR_EQ(test, top_l.cur_dev, top);
	KUNIT_EXPECT_EQ(test, top_l.location, 3);
	KUNIT_EXPECT_NULL(test, o.dev);
	KUNIT_EXPECT_EQ(test, o.location, 4);
	KUNIT_EXPECT_EQ(test, o.status, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, o.information, 9UL);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

/* Complete the IRP the bottom device kept pending. */
static void complete_pended(PDEVICE_OBJECT bottom, NTSTATUS status)
{
	PIRP irp = iot_dev(bottom)->pended;

	irp->IoStatus.Status = status;
	irp->IoStatus.Information = 0;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
}

static void pending_marks_next_location_without_routine(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, iot_pend, NULL);
	PDEVICE_OBJECT top = iot_attach(test, bottom, iot_pass_copy, NULL);
	struct iot_origin o;
	PIRP irp;

	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_PENDING);
	KUNIT_EXPECT_EQ(test, o.calls, 0);
	/* Only the lower location is marked so far. */
	KUNIT_EXPECT_TRUE(test, iot_dev(bottom)->stack->Control & SL_PENDING_RETURNED);
	KUNIT_EXPECT_FALSE(test, iot_dev(top)->stack->Control & SL_PENDING_RETURNED);
	complete_pended(bottom, STATUS_SUCCESS);
	/* The top driver set no routine: the walk marked its location. */
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_TRUE(test, o.pending);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void pending_seen_by_routine(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, iot_pend, NULL);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	PIRP irp;

	layer_init(test, &top_l, 2, ALL_BITS, true);
	top = iot_attach(test, bottom, pass_with_routine, &top_l);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_PENDING);
	complete_pended(bottom, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, top_l.calls, 1);
	KUNIT_EXPECT_TRUE(test, top_l.pending);
	/* The routine marked its own location: the originator sees it. */
	KUNIT_EXPECT_TRUE(test, o.pending);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void pending_not_propagated_past_a_routine(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, iot_pend, NULL);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	PIRP irp;

	/* A routine that does not mark the IRP pending: nobody does. */
	layer_init(test, &top_l, 2, ALL_BITS, false);
	top = iot_attach(test, bottom, pass_with_routine, &top_l);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_PENDING);
	complete_pended(bottom, STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, top_l.pending);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_FALSE(test, o.pending);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void pending_three_devices(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, iot_pend, NULL);
	PDEVICE_OBJECT mid = iot_attach(test, bottom, iot_pass_copy, NULL);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	PIRP irp;

	layer_init(test, &top_l, 2, ALL_BITS, true);
	top = iot_attach(test, mid, pass_with_routine, &top_l);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_PENDING);
	KUNIT_EXPECT_EQ(test, top_l.calls, 0);
	complete_pended(bottom, STATUS_SUCCESS);
	/* Through the middle location (no routine) to the top's routine. */
	KUNIT_EXPECT_EQ(test, top_l.calls, 1);
	KUNIT_EXPECT_TRUE(test, top_l.pending);
	KUNIT_EXPECT_PTR_EQ(test, top_l.dev, top);
	KUNIT_EXPECT_TRUE(test, o.pending);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void synchronous_completion_not_pending(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, NULL, NULL);
	PDEVICE_OBJECT mid = iot_attach(test, bottom, iot_pass_copy, NULL);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	PIRP irp;

	layer_init(test, &top_l, 2, ALL_BITS, true);
	top = iot_attach(test, mid, pass_with_routine, &top_l);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, top_l.calls, 1);
	KUNIT_EXPECT_FALSE(test, top_l.pending);
	KUNIT_EXPECT_FALSE(test, o.pending);
	IoFreeIrp(irp);
}

/*
 * Dispatch: pass down with a routine that stops the walk, wait for it,
 * then finish the IRP here (the classic "forward and wait").
 */
static NTSTATUS NTAPI forward_and_wait(PDEVICE_OBJECT dev, PIRP irp)
{
	struct layer *l = iot_dev(dev)->ctx;
	NTSTATUS status;

	IoCopyCurrentIrpStackLocationToNext(irp);
	layer_set_routine(irp, l);
	status = IoCallDriver(iot_dev(dev)->lower, irp);
	if (status == STATUS_PENDING)
		KeWaitForSingleObject(&l->event, Executive, KernelMode, FALSE,
				      NULL);
	iot_log(l->t, 5);
	irp->IoStatus.Information = 77;
	status = irp->IoStatus.Status;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return status;
}

static void more_processing_stops_and_resumes(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, NULL, NULL);
	struct layer mid_l, top_l;
	PDEVICE_OBJECT mid, top;
	struct iot_origin o;
	static const int order[] = { 1, 5, 2, 0 };
	PIRP irp;

	layer_init(test, &mid_l, 1, ALL_BITS, false);
	mid_l.ret = STATUS_MORE_PROCESSING_REQUIRED;
	layer_init(test, &top_l, 2, ALL_BITS, false);
	mid = iot_attach(test, bottom, forward_and_wait, &mid_l);
	top = iot_attach(test, mid, pass_with_routine, &top_l);
	iot_dev(bottom)->status = STATUS_BUFFER_OVERFLOW;
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_BUFFER_OVERFLOW);
	/*
	 * The middle routine stopped the walk: nothing above it ran until
	 * the middle driver completed the IRP again, which resumed it.
	 */
	KUNIT_EXPECT_TRUE(test, log_is(iot_of(test), order, ARRAY_SIZE(order)));
	KUNIT_EXPECT_EQ(test, mid_l.calls, 1);
	KUNIT_EXPECT_EQ(test, mid_l.location, 2);
	KUNIT_EXPECT_EQ(test, top_l.calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, top_l.dev, top);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_EQ(test, o.status, STATUS_BUFFER_OVERFLOW);
	KUNIT_EXPECT_EQ(test, o.information, 77UL);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void more_processing_keeps_irp_for_originator(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct iot_origin o;
	struct wdm_irp *w;
	PIRP irp;

	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	w = wdm_irp_of(irp);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	/* Still allocated and the originator's, one past the last location. */
	KUNIT_EXPECT_TRUE(test, wdm_pool_lookup(w, NULL, NULL, NULL));
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 2);
	KUNIT_EXPECT_EQ(test, KeReadStateEvent(&o.done), 1);
	IoFreeIrp(irp);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(w, NULL, NULL, NULL));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

struct invoke_row {
	NTSTATUS status;
	bool cancel;
	UCHAR bits;
	bool called;
};

static void check_invoke(struct kunit *test, const struct invoke_row *rows,
			 size_t n)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, NULL, NULL);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	size_t i;
	PIRP irp;

	top = iot_attach(test, bottom, pass_with_routine, &top_l);
	for (i = 0; i < n; i++) {
		layer_init(test, &top_l, 2, rows[i].bits, false);
		iot_dev(bottom)->status = rows[i].status;
		irp = iot_irp(test, top, IRP_MJ_READ, &o);
		if (rows[i].cancel)
			KUNIT_EXPECT_FALSE(test, IoCancelIrp(irp));
		IoCallDriver(top, irp);
		KUNIT_EXPECT_EQ_MSG(test, top_l.calls, rows[i].called ? 1 : 0,
				    "row %zu: status 0x%08x cancel %d bits 0x%x",
				    i, rows[i].status, rows[i].cancel,
				    rows[i].bits);
		/* The walk goes on to the originator either way. */
		KUNIT_EXPECT_EQ(test, o.calls, 1);
		KUNIT_EXPECT_EQ(test, o.status, rows[i].status);
		KUNIT_EXPECT_EQ(test, o.cancel, rows[i].cancel);
		IoFreeIrp(irp);
	}
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void invoke_on_success(struct kunit *test)
{
	static const struct invoke_row rows[] = {
		{ STATUS_SUCCESS, false, SL_INVOKE_ON_SUCCESS, true },
		{ (NTSTATUS)0x20001234, false, SL_INVOKE_ON_SUCCESS, true },
		{ STATUS_TIMEOUT, false, SL_INVOKE_ON_SUCCESS, true },
		{ STATUS_SUCCESS, false, SL_INVOKE_ON_ERROR | SL_INVOKE_ON_CANCEL,
		  false },
		{ STATUS_SUCCESS, false, 0, false },
	};

	check_invoke(test, rows, ARRAY_SIZE(rows));
}

static void invoke_on_error(struct kunit *test)
{
	static const struct invoke_row rows[] = {
		{ STATUS_INVALID_PARAMETER, false, SL_INVOKE_ON_ERROR, true },
		/* A warning is not a success either. */
		{ STATUS_BUFFER_OVERFLOW, false, SL_INVOKE_ON_ERROR, true },
		{ STATUS_BUFFER_OVERFLOW, false, SL_INVOKE_ON_SUCCESS, false },
		{ STATUS_INVALID_PARAMETER, false,
		  SL_INVOKE_ON_SUCCESS | SL_INVOKE_ON_CANCEL, false },
	};

	check_invoke(test, rows, ARRAY_SIZE(rows));
}

static void invoke_on_cancel(struct kunit *test)
{
	static const struct invoke_row rows[] = {
		{ STATUS_CANCELLED, true, SL_INVOKE_ON_CANCEL, true },
		/* Cancel set but completed successfully: still called. */
		{ STATUS_SUCCESS, true, SL_INVOKE_ON_CANCEL, true },
		/* The status alone does not make a cancellation. */
		{ STATUS_CANCELLED, false, SL_INVOKE_ON_CANCEL, false },
		{ STATUS_SUCCESS, true, SL_INVOKE_ON_ERROR, false },
	};

	check_invoke(test, rows, ARRAY_SIZE(rows));
}

static void routine_not_invoked_still_propagates_pending(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, iot_pend, NULL);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	PIRP irp;

	layer_init(test, &top_l, 2, SL_INVOKE_ON_ERROR, true);
	top = iot_attach(test, bottom, pass_with_routine, &top_l);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_PENDING);
	complete_pended(bottom, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, top_l.calls, 0);
	KUNIT_EXPECT_TRUE(test, o.pending);
	IoFreeIrp(irp);
}

/* Dispatch: complete the IRP twice (a driver bug). */
static NTSTATUS NTAPI complete_twice(PDEVICE_OBJECT dev, PIRP irp)
{
	irp->IoStatus.Status = STATUS_SUCCESS;
	irp->IoStatus.Information = 3;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

static void complete_twice_reported(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, complete_twice, NULL);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	PIRP irp;

	layer_init(test, &top_l, 2, ALL_BITS, false);
	top = iot_attach(test, bottom, pass_with_routine, &top_l);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	/* The second completion ran nothing and changed nothing. */
	KUNIT_EXPECT_EQ(test, top_l.calls, 1);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 3);
	KUNIT_EXPECT_EQ(test, irp->IoStatus.Information, 3UL);
	IoFreeIrp(irp);
}

static void complete_unsent_irp_reported(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct iot_origin o;
	PIRP irp;

	/* Never sent: no driver holds it, nothing to complete. */
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_EQ(test, o.calls, 0);
	KUNIT_EXPECT_EQ(test, irp->CurrentLocation, 2);
	IoFreeIrp(irp);
}

/* Dispatch: complete IRP_MJ_CREATE twice, the rest once. */
static NTSTATUS NTAPI create_twice(PDEVICE_OBJECT dev, PIRP irp)
{
	irp->IoStatus.Status = STATUS_SUCCESS;
	irp->IoStatus.Information = 0;
	if (IoGetCurrentIrpStackLocation(irp)->MajorFunction == IRP_MJ_CREATE)
		IoCompleteRequest(irp, IO_NO_INCREMENT);
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

static void complete_twice_shim_irp_reported(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, L"\\Device\\kunit_twice",
					create_twice, NULL);
	PDEVICE_OBJECT top = NULL;
	PFILE_OBJECT fo = NULL;
	UNICODE_STRING name;

	/* The I/O manager's own IRP (IRP_MJ_CREATE) outlives the dispatch. */
	RtlInitUnicodeString(&name, L"\\Device\\kunit_twice");
	KUNIT_ASSERT_EQ(test, IoGetDeviceObjectPointer(&name, FILE_READ_DATA,
						       &fo, &top),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_PTR_EQ(test, top, dev);
	KUNIT_EXPECT_EQ(test, iot_dev(dev)->calls, 1);
	ObDereferenceObject(fo);
	/* Cleanup and close, each completed once. */
	KUNIT_EXPECT_EQ(test, iot_dev(dev)->calls, 3);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void complete_with_pending_status_reported(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct iot_origin o;
	PIRP irp;

	iot_dev(dev)->status = STATUS_PENDING;
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	IoCallDriver(dev, irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	/* Completed anyway, with a final error status instead. */
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_NE(test, o.status, STATUS_PENDING);
	KUNIT_EXPECT_TRUE(test, NT_ERROR(o.status));
	IoFreeIrp(irp);
}

static int stale_cancels;

static VOID NTAPI stale_cancel(PDEVICE_OBJECT dev, PIRP irp)
{
	stale_cancels++;
	IoReleaseCancelSpinLock(irp->CancelIrql);
}

/* Dispatch: complete with a cancel routine still set (a driver bug). */
static NTSTATUS NTAPI complete_with_cancel_routine(PDEVICE_OBJECT dev, PIRP irp)
{
	IoSetCancelRoutine(irp, stale_cancel);
	return iot_complete(dev, irp);
}

static void complete_with_cancel_routine_reported(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, complete_with_cancel_routine,
					NULL);
	struct iot_origin o;
	PIRP irp;

	stale_cancels = 0;
	irp = iot_irp(test, dev, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	/* The stale routine is gone: cancelling now calls nothing. */
	KUNIT_EXPECT_NULL(test, irp->CancelRoutine);
	KUNIT_EXPECT_FALSE(test, IoCancelIrp(irp));
	KUNIT_EXPECT_EQ(test, stale_cancels, 0);
	IoFreeIrp(irp);
}

/* Dispatch: pass down with IoSetCompletionRoutineEx. */
static NTSTATUS NTAPI pass_with_routine_ex(PDEVICE_OBJECT dev, PIRP irp)
{
	struct layer *l = iot_dev(dev)->ctx;
	NTSTATUS status;

	IoCopyCurrentIrpStackLocationToNext(irp);
	status = IoSetCompletionRoutineEx(dev, irp, layer_routine, l,
					  l->bits & SL_INVOKE_ON_SUCCESS,
					  l->bits & SL_INVOKE_ON_ERROR,
					  l->bits & SL_INVOKE_ON_CANCEL);
	if (!NT_SUCCESS(status)) {
		irp->IoStatus.Status = status;
		IoCompleteRequest(irp, IO_NO_INCREMENT);
		return status;
	}
	return IoCallDriver(iot_dev(dev)->lower, irp);
}

static void completion_routine_ex_holds_driver(struct kunit *test)
{
	PDEVICE_OBJECT bottom = iot_create(test, NULL, iot_pend, NULL);
	int refs = module_refcount(THIS_MODULE);
	struct layer top_l;
	PDEVICE_OBJECT top;
	struct iot_origin o;
	PIRP irp;

	layer_init(test, &top_l, 2, SL_INVOKE_ON_SUCCESS, true);
	top = iot_attach(test, bottom, pass_with_routine_ex, &top_l);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_PENDING);
	/* The driver of the routine stays loaded until it has run. */
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs + 1);
	complete_pended(bottom, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	KUNIT_EXPECT_EQ(test, top_l.calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, top_l.dev, top);
	KUNIT_EXPECT_TRUE(test, o.pending);
	IoFreeIrp(irp);

	/* Bits not matching: not called, reference dropped, pending kept. */
	layer_init(test, &top_l, 2, SL_INVOKE_ON_ERROR, true);
	irp = iot_irp(test, top, IRP_MJ_READ, &o);
	KUNIT_EXPECT_EQ(test, IoCallDriver(top, irp), STATUS_PENDING);
	complete_pended(bottom, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, top_l.calls, 0);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_TRUE(test, o.pending);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static struct kunit_case io_complete_cases[] = {
	KUNIT_CASE(complete_order_two_devices),
	KUNIT_CASE(complete_order_three_devices),
	KUNIT_CASE(pending_marks_next_location_without_routine),
	KUNIT_CASE(pending_seen_by_routine),
	KUNIT_CASE(pending_not_propagated_past_a_routine),
	KUNIT_CASE(pending_three_devices),
	KUNIT_CASE(synchronous_completion_not_pending),
	KUNIT_CASE(more_processing_stops_and_resumes),
	KUNIT_CASE(more_processing_keeps_irp_for_originator),
	KUNIT_CASE(invoke_on_success),
	KUNIT_CASE(invoke_on_error),
	KUNIT_CASE(invoke_on_cancel),
	KUNIT_CASE(routine_not_invoked_still_propagates_pending),
	KUNIT_CASE(complete_twice_reported),
	KUNIT_CASE(complete_unsent_irp_reported),
	KUNIT_CASE(complete_twice_shim_irp_reported),
	KUNIT_CASE(complete_with_pending_status_reported),
	KUNIT_CASE(complete_with_cancel_routine_reported),
	KUNIT_CASE(completion_routine_ex_holds_driver),
	{}
};

static struct kunit_suite io_complete_suite = {
	.name = "wdmshim_io_complete",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = io_complete_cases,
};

kunit_test_suites(&io_complete_suite);
