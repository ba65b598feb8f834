// SPDX-License-Identifier: GPL-2.0
/*
 * io_startio_test.c - KUnit tests of StartIo, pinning DESIGN §4 "Device
 * queues and StartIo":
 *
 * - IoStartPacket: the cancel routine is set under the cancel lock; an
 *   idle device makes the IRP CurrentIrp and StartIo runs; a busy one
 *   queues it (by key if given); a queued IRP already cancelled gets its
 *   cancel routine called.
 * - IoStartNextPacket(ByKey): CurrentIrp is cleared, the next entry taken;
 *   none: the device is idle; else it is current and StartIo runs. No
 *   recursion however StartIo chains complete -> start next.
 * - Cancelling a queued or current IRP runs the driver's cancel routine.
 * - IoSetStartIoAttributes(NonCancelable) is honoured.
 *
 * StartIo runs in the device's thread ("wdm/<name>") at DISPATCH_LEVEL.
 */
#include <linux/sched.h>
#include <linux/string.h>
#include "io_harness.h"

#define SIO_MAX 128

struct sio_rec {
	PULONG key;			/* for the next IoStartPacket */
	PDRIVER_CANCEL cancel;		/* likewise */
	bool chain;			/* StartIo completes and starts next */
	bool sleep;			/* StartIo tries to wait */
	atomic_t calls;
	atomic_t in, max_in;		/* StartIo nesting/concurrency */
	PIRP order[SIO_MAX];
	KIRQL irql;
	bool thread_named;
	bool current_ok;		/* CurrentIrp == Irp in StartIo */
	PDRIVER_CANCEL cancel_seen;	/* Irp->CancelRoutine in StartIo */
	int cancels;
	PIRP canceled;
	BOOLEAN removed;		/* KeRemoveEntryDeviceQueue's */
	bool was_current;
	KEVENT started;			/* synchronization: per StartIo */
};

static struct sio_rec *rec;

static VOID NTAPI sio_startio(PDEVICE_OBJECT dev, PIRP irp)
{
	struct sio_rec *r = rec;
	int n = atomic_inc_return(&r->in), i;
	LARGE_INTEGER to = { .QuadPart = -10000 };
	KEVENT ev;

	if (n > atomic_read(&r->max_in))
		atomic_set(&r->max_in, n);
	i = atomic_inc_return(&r->calls) - 1;
	if (i < SIO_MAX)
		r->order[i] = irp;
	r->irql = KeGetCurrentIrql();
	r->thread_named = !strncmp(current->comm, "wdm/", 4);
	r->current_ok = dev->CurrentIrp == irp;
	r->cancel_seen = irp->CancelRoutine;
	if (r->sleep) {
		KeInitializeEvent(&ev, NotificationEvent, FALSE);
		KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE, &to);
	}
	atomic_dec(&r->in);
	if (r->chain) {
		irp->IoStatus.Status = STATUS_SUCCESS;
		IoCompleteRequest(irp, IO_NO_INCREMENT);
		IoStartNextPacket(dev, FALSE);
	}
	KeSetEvent(&r->started, IO_NO_INCREMENT, FALSE);
}

/* The classic StartIo driver's cancel routine. */
static VOID NTAPI sio_cancel(PDEVICE_OBJECT dev, PIRP irp)
{
	struct sio_rec *r = rec;

	r->cancels++;
	r->canceled = irp;
	if (irp == dev->CurrentIrp) {
		r->was_current = true;
		IoReleaseCancelSpinLock(irp->CancelIrql);
		IoStartNextPacket(dev, TRUE);
	} else {
		r->removed = KeRemoveEntryDeviceQueue(&dev->DeviceQueue,
						      &irp->Tail.Overlay.DeviceQueueEntry);
		IoReleaseCancelSpinLock(irp->CancelIrql);
	}
	irp->IoStatus.Status = STATUS_CANCELLED;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
}

static NTSTATUS NTAPI sio_dispatch(PDEVICE_OBJECT dev, PIRP irp)
{
	IoMarkIrpPending(irp);
	IoStartPacket(dev, irp, rec->key, rec->cancel);
	return STATUS_PENDING;
}

static PDEVICE_OBJECT sio_dev(struct kunit *test)
{
	struct iot *t = iot_of(test);

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KeInitializeEvent(&rec->started, SynchronizationEvent, FALSE);
	t->obj->DriverStartIo = sio_startio;
	return iot_create(test, L"\\Device\\kunit_sio", sio_dispatch, NULL);
}

static bool wait_started(void)
{
	LARGE_INTEGER to = { .QuadPart = -5LL * 10000000 };

	return KeWaitForSingleObject(&rec->started, Executive, KernelMode,
				     FALSE, &to) == STATUS_SUCCESS;
}

static bool wait_done(struct iot_origin *o)
{
	LARGE_INTEGER to = { .QuadPart = -5LL * 10000000 };

	return KeWaitForSingleObject(&o->done, Executive, KernelMode,
				     FALSE, &to) == STATUS_SUCCESS;
}

static PIRP send(struct kunit *test, PDEVICE_OBJECT dev, struct iot_origin *o)
{
	PIRP irp = iot_irp(test, dev, IRP_MJ_READ, o);

	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	return irp;
}

static void finish(PIRP irp)
{
	irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
}

static void start_next(PDEVICE_OBJECT dev)
{
	KIRQL old = KeRaiseIrqlToDpcLevel();

	IoStartNextPacket(dev, FALSE);
	KeLowerIrql(old);
}

static void startio_idle_device_starts(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	struct iot_origin o;
	PIRP irp;

	KUNIT_EXPECT_FALSE(test, dev->DeviceQueue.Busy);
	KUNIT_EXPECT_NULL(test, dev->CurrentIrp);
	irp = send(test, dev, &o);
	KUNIT_ASSERT_TRUE(test, wait_started());
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->calls), 1);
	KUNIT_EXPECT_PTR_EQ(test, rec->order[0], irp);
	KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, irp);
	KUNIT_EXPECT_TRUE(test, rec->current_ok);
	KUNIT_EXPECT_TRUE(test, dev->DeviceQueue.Busy);
	KUNIT_EXPECT_FALSE(test, irp->Tail.Overlay.DeviceQueueEntry.Inserted);
	KUNIT_EXPECT_EQ(test, rec->irql, DISPATCH_LEVEL);
	KUNIT_EXPECT_TRUE(test, rec->thread_named);
	finish(irp);
	start_next(dev);
	KUNIT_EXPECT_NULL(test, dev->CurrentIrp);
	KUNIT_EXPECT_FALSE(test, dev->DeviceQueue.Busy);
	KUNIT_EXPECT_EQ(test, o.calls, 1);
	IoFreeIrp(irp);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void startio_busy_device_queues(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	struct iot_origin o[3];
	PIRP irp[3];
	int i;

	irp[0] = send(test, dev, &o[0]);
	KUNIT_ASSERT_TRUE(test, wait_started());
	irp[1] = send(test, dev, &o[1]);
	irp[2] = send(test, dev, &o[2]);
	KUNIT_EXPECT_TRUE(test, irp[1]->Tail.Overlay.DeviceQueueEntry.Inserted);
	KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, irp[0]);
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->calls), 1);
	for (i = 1; i < 3; i++) {
		finish(irp[i - 1]);
		start_next(dev);
		KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, irp[i]);
		KUNIT_ASSERT_TRUE(test, wait_started());
		KUNIT_EXPECT_PTR_EQ(test, rec->order[i], irp[i]);
	}
	finish(irp[2]);
	start_next(dev);
	KUNIT_EXPECT_NULL(test, dev->CurrentIrp);
	KUNIT_EXPECT_FALSE(test, dev->DeviceQueue.Busy);
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->calls), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->max_in), 1);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, o[i].calls, 1);
		IoFreeIrp(irp[i]);
	}
}

static void startio_by_key(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	static const ULONG keys[] = { 0, 5, 1, 3, 7 };
	struct iot_origin *o = kunit_kcalloc(test, 5, sizeof(*o), GFP_KERNEL);
	PIRP irp[5];
	ULONG key;
	KIRQL old;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, o);
	rec->key = &key;
	for (i = 0; i < 5; i++) {
		key = keys[i];
		irp[i] = send(test, dev, &o[i]);
		if (!i)
			KUNIT_ASSERT_TRUE(test, wait_started());
	}
	/* Ascending: 1, 3, then by key >= 6: 7, then 5. */
	finish(irp[0]);
	start_next(dev);
	KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, irp[2]);
	finish(irp[2]);
	start_next(dev);
	KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, irp[3]);
	finish(irp[3]);
	old = KeRaiseIrqlToDpcLevel();
	IoStartNextPacketByKey(dev, FALSE, 6);
	KeLowerIrql(old);
	KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, irp[4]);
	finish(irp[4]);
	/* None >= 9: wraps to the head. */
	old = KeRaiseIrqlToDpcLevel();
	IoStartNextPacketByKey(dev, FALSE, 9);
	KeLowerIrql(old);
	KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, irp[1]);
	finish(irp[1]);
	start_next(dev);
	KUNIT_EXPECT_FALSE(test, dev->DeviceQueue.Busy);
	/* Let the thread catch up before the IRPs go. */
	while (atomic_read(&rec->calls) < 5 && wait_started())
		;
	for (i = 0; i < 5; i++) {
		KUNIT_EXPECT_EQ(test, o[i].calls, 1);
		IoFreeIrp(irp[i]);
	}
}

static void startio_cancel_queued(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	struct iot_origin o[2];
	PIRP a, b;

	rec->cancel = sio_cancel;
	a = send(test, dev, &o[0]);
	KUNIT_ASSERT_TRUE(test, wait_started());
	/* Set under the cancel lock by IoStartPacket. */
	KUNIT_EXPECT_TRUE(test, a->CancelRoutine == sio_cancel);
	b = send(test, dev, &o[1]);
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(b));
	KUNIT_EXPECT_EQ(test, rec->cancels, 1);
	KUNIT_EXPECT_TRUE(test, rec->removed);
	KUNIT_EXPECT_FALSE(test, rec->was_current);
	KUNIT_EXPECT_EQ(test, o[1].status, STATUS_CANCELLED);
	KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, a);
	/* The driver is done with a: the queue is empty now. */
	IoSetCancelRoutine(a, NULL);
	finish(a);
	start_next(dev);
	KUNIT_EXPECT_NULL(test, dev->CurrentIrp);
	KUNIT_EXPECT_FALSE(test, dev->DeviceQueue.Busy);
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->calls), 1);
	IoFreeIrp(a);
	IoFreeIrp(b);
}

static void startio_cancel_current(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	struct iot_origin o[2];
	PIRP a, b;

	rec->cancel = sio_cancel;
	a = send(test, dev, &o[0]);
	KUNIT_ASSERT_TRUE(test, wait_started());
	b = send(test, dev, &o[1]);
	KUNIT_EXPECT_TRUE(test, IoCancelIrp(a));
	KUNIT_EXPECT_TRUE(test, rec->was_current);
	KUNIT_EXPECT_EQ(test, o[0].status, STATUS_CANCELLED);
	/* The cancel routine started the next one. */
	KUNIT_EXPECT_PTR_EQ(test, dev->CurrentIrp, b);
	KUNIT_ASSERT_TRUE(test, wait_started());
	KUNIT_EXPECT_PTR_EQ(test, rec->order[1], b);
	IoSetCancelRoutine(b, NULL);
	finish(b);
	start_next(dev);
	KUNIT_EXPECT_FALSE(test, dev->DeviceQueue.Busy);
	IoFreeIrp(a);
	IoFreeIrp(b);
}

static void startio_queued_already_cancelled(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	struct iot_origin o[2];
	PIRP a, b;

	rec->cancel = sio_cancel;
	a = send(test, dev, &o[0]);
	KUNIT_ASSERT_TRUE(test, wait_started());
	b = iot_irp(test, dev, IRP_MJ_READ, &o[1]);
	KUNIT_EXPECT_FALSE(test, IoCancelIrp(b));	/* sets Cancel */
	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, b), STATUS_PENDING);
	/* Queued, then its cancel routine ran at once. */
	KUNIT_EXPECT_EQ(test, rec->cancels, 1);
	KUNIT_EXPECT_TRUE(test, rec->removed);
	KUNIT_EXPECT_EQ(test, o[1].calls, 1);
	KUNIT_EXPECT_EQ(test, o[1].status, STATUS_CANCELLED);
	IoSetCancelRoutine(a, NULL);
	finish(a);
	start_next(dev);
	KUNIT_EXPECT_FALSE(test, dev->DeviceQueue.Busy);
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->calls), 1);
	IoFreeIrp(a);
	IoFreeIrp(b);
}

#define SIO_CHAIN 100

static void startio_chain_no_recursion(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	struct iot_origin *o;
	PIRP *irp;
	int i;

	o = kunit_kcalloc(test, SIO_CHAIN, sizeof(*o), GFP_KERNEL);
	irp = kunit_kcalloc(test, SIO_CHAIN, sizeof(*irp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, o);
	KUNIT_ASSERT_NOT_NULL(test, irp);
	rec->chain = true;
	for (i = 0; i < SIO_CHAIN; i++)
		irp[i] = send(test, dev, &o[i]);
	for (i = 0; i < SIO_CHAIN; i++) {
		KUNIT_EXPECT_TRUE(test, wait_done(&o[i]));
		KUNIT_EXPECT_EQ(test, o[i].calls, 1);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->calls), SIO_CHAIN);
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->max_in), 1);
	/* In order: FIFO. */
	for (i = 0; i < SIO_CHAIN; i++)
		KUNIT_EXPECT_PTR_EQ(test, rec->order[i], irp[i]);
	for (i = 0; i < SIO_CHAIN; i++)
		IoFreeIrp(irp[i]);
	KUNIT_EXPECT_FALSE(test, dev->DeviceQueue.Busy);
}

static void startio_noncancelable(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	struct iot_origin o;
	PIRP irp;

	IoSetStartIoAttributes(dev, TRUE, TRUE);
	rec->cancel = sio_cancel;
	irp = send(test, dev, &o);
	KUNIT_ASSERT_TRUE(test, wait_started());
	KUNIT_EXPECT_NULL(test, rec->cancel_seen);
	KUNIT_EXPECT_FALSE(test, IoCancelIrp(irp));
	KUNIT_EXPECT_EQ(test, rec->cancels, 0);
	finish(irp);
	start_next(dev);
	KUNIT_EXPECT_EQ(test, o.status, STATUS_SUCCESS);
	IoFreeIrp(irp);
}

static void startio_sleep_reported(struct kunit *test)
{
	PDEVICE_OBJECT dev = sio_dev(test);
	struct iot_origin o;
	PIRP irp;

	rec->sleep = true;
	irp = send(test, dev, &o);
	KUNIT_ASSERT_TRUE(test, wait_started());
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	finish(irp);
	start_next(dev);
	IoFreeIrp(irp);
}

static void startio_without_routine_reported(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, iot_pend, NULL);
	struct iot_origin o;
	PIRP irp = iot_irp(test, dev, IRP_MJ_READ, &o);

	KUNIT_EXPECT_EQ(test, IoCallDriver(dev, irp), STATUS_PENDING);
	IoStartPacket(dev, irp, NULL, NULL);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	KUNIT_EXPECT_NULL(test, dev->CurrentIrp);
	finish(irp);
	IoFreeIrp(irp);
}

static struct kunit_case io_startio_cases[] = {
	KUNIT_CASE(startio_idle_device_starts),
	KUNIT_CASE(startio_busy_device_queues),
	KUNIT_CASE(startio_by_key),
	KUNIT_CASE(startio_cancel_queued),
	KUNIT_CASE(startio_cancel_current),
	KUNIT_CASE(startio_queued_already_cancelled),
	KUNIT_CASE(startio_chain_no_recursion),
	KUNIT_CASE(startio_noncancelable),
	KUNIT_CASE(startio_sleep_reported),
	KUNIT_CASE(startio_without_routine_reported),
	{}
};

static struct kunit_suite io_startio_suite = {
	.name = "wdmshim_io_startio",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = io_startio_cases,
};

kunit_test_suites(&io_startio_suite);
