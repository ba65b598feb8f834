// SPDX-License-Identifier: GPL-2.0
/*
 * io_csq_test.c - KUnit tests of cancel-safe IRP queues (IO_CSQ).
 *
 * Semantics are the WDK's: IoCsqInsertIrp(Ex) calls the driver's insert
 * routine under its lock, marks the IRP pending and makes it cancellable;
 * an IRP cancelled while queued is removed and given to
 * CsqCompleteCanceledIrp; one already cancelled when inserted is removed
 * and given to it at once; IoCsqRemoveNextIrp takes the first IRP the
 * peek routine offers that is not being cancelled; IoCsqRemoveIrp takes
 * back the IRP of a context, or returns NULL once it is gone; an
 * IoCsqInitializeEx insert routine can refuse an IRP.
 */
#include "io_harness.h"

#define CSQ_MAX 8

/* A driver's queue: a list under a spin lock, and what it recorded. */
struct csq_q {
	IO_CSQ csq;
	KSPIN_LOCK lock;
	LIST_ENTRY list;
	int queued;
	int canceled;			/* CsqCompleteCanceledIrp calls */
	PIRP last_canceled;
	KIRQL cancel_irql;		/* IRQL CsqCompleteCanceledIrp ran at */
	NTSTATUS refuse;		/* the Ex insert routine's status */
	PVOID insert_context;		/* what it was given */
	bool use_ctx;
	int nctx;
	IO_CSQ_IRP_CONTEXT ctx[CSQ_MAX];
};

static struct csq_q *q_of(PIO_CSQ csq)
{
	return CONTAINING_RECORD(csq, struct csq_q, csq);
}

static VOID NTAPI q_insert(PIO_CSQ csq, PIRP irp)
{
	struct csq_q *q = q_of(csq);

	InsertTailList(&q->list, &irp->Tail.Overlay.ListEntry);
	q->queued++;
}

static NTSTATUS NTAPI q_insert_ex(PIO_CSQ csq, PIRP irp, PVOID ctx)
{
	struct csq_q *q = q_of(csq);

	q->insert_context = ctx;
	if (!NT_SUCCESS(q->refuse))
		return q->refuse;
	q_insert(csq, irp);
	return STATUS_SUCCESS;
}

static VOID NTAPI q_remove(PIO_CSQ csq, PIRP irp)
{
	RemoveEntryList(&irp->Tail.Overlay.ListEntry);
	q_of(csq)->queued--;
}

/* PeekContext: NULL for any IRP, else the IRP_MJ_ code + 1 to match. */
static PIRP NTAPI q_peek(PIO_CSQ csq, PIRP irp, PVOID peek)
{
	struct csq_q *q = q_of(csq);
	PLIST_ENTRY e = irp ? irp->Tail.Overlay.ListEntry.Flink : q->list.Flink;

	for (; e != &q->list; e = e->Flink) {
		PIRP i = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);

		if (!peek || IoGetCurrentIrpStackLocation(i)->MajorFunction + 1 ==
			     (ULONG_PTR)peek)
			return i;
	}
	return NULL;
}

static VOID NTAPI q_acquire(PIO_CSQ csq, PKIRQL irql)
{
	KeAcquireSpinLock(&q_of(csq)->lock, irql);
}

static VOID NTAPI q_release(PIO_CSQ csq, KIRQL irql)
{
	KeReleaseSpinLock(&q_of(csq)->lock, irql);
}

static VOID NTAPI q_complete_canceled(PIO_CSQ csq, PIRP irp)
{
	struct csq_q *q = q_of(csq);

	q->canceled++;
	q->last_canceled = irp;
	q->cancel_irql = KeGetCurrentIrql();
	irp->IoStatus.Status = STATUS_CANCELLED;
	irp->IoStatus.Information = 0;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
}

/* Dispatch: queue the IRP in the device's CSQ. */
static NTSTATUS NTAPI csq_dispatch(PDEVICE_OBJECT dev, PIRP irp)
{
	struct csq_q *q = iot_dev(dev)->ctx;
	PIO_CSQ_IRP_CONTEXT ctx = NULL;
	NTSTATUS status;

	if (q->use_ctx && q->nctx < CSQ_MAX)
		ctx = &q->ctx[q->nctx++];
	status = IoCsqInsertIrpEx(&q->csq, irp, ctx, (PVOID)0x1234);
	if (!NT_SUCCESS(status)) {
		irp->IoStatus.Status = status;
		IoCompleteRequest(irp, IO_NO_INCREMENT);
		return status;
	}
	return STATUS_PENDING;
}

static PDEVICE_OBJECT csq_dev(struct kunit *test, struct csq_q **out, bool ex)
{
	struct csq_q *q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);
	NTSTATUS status;

	KUNIT_ASSERT_NOT_NULL(test, q);
	KeInitializeSpinLock(&q->lock);
	InitializeListHead(&q->list);
	if (ex)
		status = IoCsqInitializeEx(&q->csq, q_insert_ex, q_remove, q_peek,
					   q_acquire, q_release,
					   q_complete_canceled);
	else
		status = IoCsqInitialize(&q->csq, q_insert, q_remove, q_peek,
					 q_acquire, q_release,
					 q_complete_canceled);
	KUNIT_EXPECT_EQ(test, status, STATUS_SUCCESS);
	*out = q;
	return iot_create(test, NULL, csq_dispatch, q);
}

static void finish(PIRP irp, NTSTATUS status)
{
	irp->IoStatus.Status = status;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
}

static void csq_initialize(struct kunit *test)
{
	struct csq_q *q, *qx;

	csq_dev(test, &q, false);
	csq_dev(test, &qx, true);
	KUNIT_EXPECT_EQ(test, q->csq.Type, (ULONG)IO_TYPE_CSQ);
	KUNIT_EXPECT_EQ(test, qx->csq.Type, (ULONG)IO_TYPE_CSQ_EX);
	KUNIT_EXPECT_TRUE(test, q->csq.CsqInsertIrp == q_insert);
	KUNIT_EXPECT_TRUE(test, q->csq.CsqCompleteCanceledIrp == q_complete_canceled);
	KUNIT_EXPECT_NULL(test, IoCsqRemoveNextIrp(&q->csq, NULL));
}

static void csq_insert_remove_next_fifo(struct kunit *test)
{
	struct csq_q *q;
	PDEVICE_OBJECT dev = csq_dev(test, &q, false);
	struct iot_origin o[3];
	PIRP irp[3];
	int i;

	for (i = 0; i < 3; i++) {
		irp[i] = iot_irp(test, dev, IRP_MJ_READ, &o[i]);
		KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp[i]), STATUS_PENDING);
		/* Queued cancellably. */
		KUNIT_EXPECT_NOT_NULL(test, irp[i]->CancelRoutine);
	}
	KUNIT_EXPECT_EQ(test, q->queued, 3);
	for (i = 0; i < 3; i++) {
		PIRP got = IoCsqRemoveNextIrp(&q->csq, NULL);

		KUNIT_EXPECT_PTR_EQ(test, got, irp[i]);
		if (got != irp[i])
			continue;
		/* Ours now: no longer cancellable. */
		KUNIT_EXPECT_NULL(test, got->CancelRoutine);
		KUNIT_EXPECT_FALSE(test, IoCancelIrp(got));
		finish(got, STATUS_SUCCESS);
		KUNIT_EXPECT_EQ(test, o[i].calls, 1);
		KUNIT_EXPECT_TRUE(test, o[i].pending);
		KUNIT_EXPECT_EQ(test, o[i].status, STATUS_SUCCESS);
		IoFreeIrp(got);
	}
	KUNIT_EXPECT_NULL(test, IoCsqRemoveNextIrp(&q->csq, NULL));
	KUNIT_EXPECT_EQ(test, q->queued, 0);
	KUNIT_EXPECT_EQ(test, q->canceled, 0);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void csq_cancel_queued(struct kunit *test)
{
	struct csq_q *q;
	PDEVICE_OBJECT dev = csq_dev(test, &q, false);
	struct iot_origin o[2];
	PIRP a, b;

	a = iot_irp(test, dev, IRP_MJ_READ, &o[0]);
	b = iot_irp(test, dev, IRP_MJ_READ, &o[1]);
	IoCallDriver(dev, a);
	IoCallDriver(dev, b);
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(a));
	KUNIT_EXPECT_EQ(test, q->canceled, 1);
	KUNIT_EXPECT_PTR_EQ(test, q->last_canceled, a);
	KUNIT_EXPECT_EQ(test, q->cancel_irql, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, o[0].calls, 1);
	KUNIT_EXPECT_EQ(test, o[0].status, STATUS_CANCELLED);
	KUNIT_EXPECT_EQ(test, q->queued, 1);
	/* Cancelling again finds no routine. */
	KUNIT_EXPECT_FALSE(test, IoCancelIrp(a));
	KUNIT_EXPECT_EQ(test, q->canceled, 1);
	KUNIT_EXPECT_PTR_EQ(test, IoCsqRemoveNextIrp(&q->csq, NULL), b);
	finish(b, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, o[1].status, STATUS_SUCCESS);
	IoFreeIrp(a);
	IoFreeIrp(b);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void csq_insert_already_cancelled(struct kunit *test)
{
	struct csq_q *q;
	PDEVICE_OBJECT dev = csq_dev(test, &q, false);
	struct iot_origin o;
	PIRP irp = iot_irp(test, dev, IRP_MJ_READ, &o);

	KUNIT_EXPECT_FALSE(test, IoCancelIrp(irp));	/* sets Cancel */
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	KUNIT_EXPECT_EQ(test, q->canceled, 1);
	KUNIT_EXPECT_EQ(test, q->queued, 0);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	KUNIT_EXPECT_EQ(test, o.status, STATUS_CANCELLED);
	KUNIT_EXPECT_TRUE(test, o.pending);
	KUNIT_EXPECT_NULL(test, IoCsqRemoveNextIrp(&q->csq, NULL));
	IoFreeIrp(irp);
}

static void csq_remove_by_context(struct kunit *test)
{
	struct csq_q *q;
	PDEVICE_OBJECT dev = csq_dev(test, &q, false);
	struct iot_origin o[3];
	PIRP irp[3];
	int i;

	q->use_ctx = true;
	for (i = 0; i < 3; i++) {
		irp[i] = iot_irp(test, dev, IRP_MJ_WRITE, &o[i]);
		IoCallDriver(dev, irp[i]);
		KUNIT_EXPECT_EQ(test, q->ctx[i].Type, (ULONG)IO_TYPE_CSQ_IRP_CONTEXT);
		KUNIT_EXPECT_PTR_EQ(test, q->ctx[i].Irp, irp[i]);
		KUNIT_EXPECT_PTR_EQ(test, q->ctx[i].Csq, &q->csq);
	}
	/* The middle one, by its context. */
	KUNIT_EXPECT_PTR_EQ(test, IoCsqRemoveIrp(&q->csq, &q->ctx[1]), irp[1]);
	KUNIT_EXPECT_NULL(test, q->ctx[1].Irp);
	KUNIT_EXPECT_NULL(test, IoCsqRemoveIrp(&q->csq, &q->ctx[1]));
	finish(irp[1], STATUS_SUCCESS);
	/* A cancelled one is gone from its context too. */
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(irp[0]));
	KUNIT_EXPECT_NULL(test, q->ctx[0].Irp);
	KUNIT_EXPECT_NULL(test, IoCsqRemoveIrp(&q->csq, &q->ctx[0]));
	/* Removed by RemoveNext: its context is cleared. */
	KUNIT_EXPECT_PTR_EQ(test, IoCsqRemoveNextIrp(&q->csq, NULL), irp[2]);
	KUNIT_EXPECT_NULL(test, q->ctx[2].Irp);
	KUNIT_EXPECT_NULL(test, IoCsqRemoveIrp(&q->csq, &q->ctx[2]));
	finish(irp[2], STATUS_SUCCESS);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, o[i].calls, 1);
		KUNIT_EXPECT_EQ(test, o[i].status,
				i ? STATUS_SUCCESS : STATUS_CANCELLED);
		IoFreeIrp(irp[i]);
	}
	KUNIT_EXPECT_EQ(test, q->queued, 0);
}

static void csq_peek_context(struct kunit *test)
{
	struct csq_q *q;
	PDEVICE_OBJECT dev = csq_dev(test, &q, false);
	static const UCHAR majors[] = { IRP_MJ_READ, IRP_MJ_WRITE, IRP_MJ_READ,
					IRP_MJ_WRITE };
	PVOID writes = (PVOID)(IRP_MJ_WRITE + 1);
	struct iot_origin o[4];
	PIRP irp[4];
	int i;

	for (i = 0; i < 4; i++) {
		irp[i] = iot_irp(test, dev, majors[i], &o[i]);
		IoCallDriver(dev, irp[i]);
	}
	KUNIT_EXPECT_PTR_EQ(test, IoCsqRemoveNextIrp(&q->csq, writes), irp[1]);
	KUNIT_EXPECT_PTR_EQ(test, IoCsqRemoveNextIrp(&q->csq, writes), irp[3]);
	KUNIT_EXPECT_NULL(test, IoCsqRemoveNextIrp(&q->csq, writes));
	KUNIT_EXPECT_PTR_EQ(test, IoCsqRemoveNextIrp(&q->csq, NULL), irp[0]);
	KUNIT_EXPECT_PTR_EQ(test, IoCsqRemoveNextIrp(&q->csq, NULL), irp[2]);
	for (i = 0; i < 4; i++) {
		finish(irp[i], STATUS_SUCCESS);
		KUNIT_EXPECT_EQ(test, o[i].calls, 1);
		IoFreeIrp(irp[i]);
	}
}

static void csq_ex_insert_refuses(struct kunit *test)
{
	struct csq_q *q;
	PDEVICE_OBJECT dev = csq_dev(test, &q, true);
	struct iot_origin o[2];
	PIRP a, b;

	q->refuse = STATUS_DEVICE_BUSY;
	a = iot_irp(test, dev, IRP_MJ_READ, &o[0]);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, a), STATUS_DEVICE_BUSY);
	KUNIT_EXPECT_PTR_EQ(test, q->insert_context, (PVOID)0x1234);
	KUNIT_EXPECT_EQ(test, q->queued, 0);
	KUNIT_EXPECT_NULL(test, a->CancelRoutine);
	KUNIT_EXPECT_EQ(test, o[0].calls, 1);
	KUNIT_EXPECT_FALSE(test, o[0].pending);
	KUNIT_EXPECT_EQ(test, o[0].status, STATUS_DEVICE_BUSY);
	q->refuse = STATUS_SUCCESS;
	b = iot_irp(test, dev, IRP_MJ_READ, &o[1]);
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, b), STATUS_PENDING);
	KUNIT_EXPECT_EQ(test, q->queued, 1);
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(b));
	KUNIT_EXPECT_EQ(test, o[1].status, STATUS_CANCELLED);
	IoFreeIrp(a);
	IoFreeIrp(b);
}

/* RemoveNext skips an IRP whose cancel routine is already gone. */
static void csq_remove_next_skips_cancelling(struct kunit *test)
{
	struct csq_q *q;
	PDEVICE_OBJECT dev = csq_dev(test, &q, false);
	struct iot_origin o[2];
	PIRP a, b;
	PDRIVER_CANCEL routine;

	a = iot_irp(test, dev, IRP_MJ_READ, &o[0]);
	b = iot_irp(test, dev, IRP_MJ_READ, &o[1]);
	IoCallDriver(dev, a);
	IoCallDriver(dev, b);
	/* As IoCancelIrp does before calling the routine. */
	routine = IoSetCancelRoutine(a, NULL);
	KUNIT_EXPECT_NOT_NULL(test, routine);
	KUNIT_EXPECT_PTR_EQ(test, IoCsqRemoveNextIrp(&q->csq, NULL), b);
	finish(b, STATUS_SUCCESS);
	/* Let the cancel run as IoCancelIrp would. */
	IoSetCancelRoutine(a, routine);
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(a));
	KUNIT_EXPECT_EQ(test, o[0].status, STATUS_CANCELLED);
	KUNIT_EXPECT_EQ(test, q->queued, 0);
	IoFreeIrp(a);
	IoFreeIrp(b);
}

static struct kunit_case io_csq_cases[] = {
	KUNIT_CASE(csq_initialize),
	KUNIT_CASE(csq_insert_remove_next_fifo),
	KUNIT_CASE(csq_cancel_queued),
	KUNIT_CASE(csq_insert_already_cancelled),
	KUNIT_CASE(csq_remove_by_context),
	KUNIT_CASE(csq_peek_context),
	KUNIT_CASE(csq_ex_insert_refuses),
	KUNIT_CASE(csq_remove_next_skips_cancelling),
	{}
};

static struct kunit_suite io_csq_suite = {
	.name = "wdmshim_io_csq",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = io_csq_cases,
};

kunit_test_suites(&io_csq_suite);
