// SPDX-License-Identifier: GPL-2.0
/*
 * io_workitem_test.c - KUnit tests of IO_WORKITEM, with the harness's
 * hosted driver.
 *
 * Semantics are Windows': the routine runs once per IoQueueWorkItem, at
 * PASSIVE_LEVEL in a system thread, with the item's device object and
 * the context; while queued the item holds a reference on the device
 * and on the driver (its module); the routine may free its own item;
 * the driver's unload waits until its items have run; queueing an item
 * already queued is a bug (reported here).
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <wdmshim/host.h>
#include "io_harness.h"

struct witness {
	PIO_WORKITEM item;
	PDEVICE_OBJECT dev;		/* as passed to the routine */
	PVOID ctx;
	KIRQL irql;
	bool preemptible;
	unsigned int dev_refs;		/* the device's references, inside */
	int module_refs;		/* this module's references, inside */
	bool free_item;			/* IoFreeWorkItem from the routine */
	KEVENT *hold;			/* wait for this before returning */
	atomic_t runs;
	KEVENT done;
};

static VOID NTAPI witness_routine(PDEVICE_OBJECT dev, PVOID ctx)
{
	struct witness *w = ctx;

	w->dev = dev;
	w->ctx = ctx;
	w->irql = KeGetCurrentIrql();
	w->preemptible = preemptible();
	if (dev && dev->Type == IO_TYPE_DEVICE)
		w->dev_refs = refcount_read(&wdm_device_of(dev)->refs);
	w->module_refs = module_refcount(THIS_MODULE);
	if (w->hold)
		KeWaitForSingleObject(w->hold, Executive, KernelMode, FALSE, NULL);
	if (w->free_item)
		IoFreeWorkItem(w->item);
	atomic_inc(&w->runs);
	KeSetEvent(&w->done, IO_NO_INCREMENT, FALSE);
}

static struct witness *new_witness(struct kunit *test)
{
	struct witness *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, w);
	KeInitializeEvent(&w->done, SynchronizationEvent, FALSE);
	return w;
}

static NTSTATUS wait_done(struct witness *w)
{
	LARGE_INTEGER t = { .QuadPart = -5000 * 10000LL };

	return KeWaitForSingleObject(&w->done, Executive, KernelMode, FALSE, &t);
}

/* Work items of the test driver queued and not yet done. */
static int pending_items(struct kunit *test)
{
	return atomic_read(&iot_of(test)->drv->work_items);
}

static unsigned int dev_refs(PDEVICE_OBJECT dev)
{
	return refcount_read(&wdm_device_of(dev)->refs);
}

static void workitem_runs_at_passive_with_device(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w = new_witness(test);
	unsigned int refs = dev_refs(dev);
	long blocks = iot_blocks(test);

	w->item = IoAllocateWorkItem(dev);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks + 1);
	IoQueueWorkItem(w->item, witness_routine, DelayedWorkQueue, w);
	KUNIT_ASSERT_EQ(test, wait_done(w), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, w->dev, dev);
	KUNIT_EXPECT_PTR_EQ(test, w->ctx, (PVOID)w);
	KUNIT_EXPECT_EQ(test, w->irql, PASSIVE_LEVEL);
	KUNIT_EXPECT_TRUE(test, w->preemptible);
	/* The queued item's own reference on the device. */
	KUNIT_EXPECT_EQ(test, w->dev_refs, refs + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&w->runs), 1);
	IoFreeWorkItem(w->item);
	KUNIT_EXPECT_EQ(test, iot_blocks(test), blocks);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void workitem_references_until_run(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w = new_witness(test);
	unsigned int refs = dev_refs(dev);
	int mod = module_refcount(THIS_MODULE);
	KEVENT hold;
	int i;

	KeInitializeEvent(&hold, NotificationEvent, FALSE);
	w->hold = &hold;
	w->item = IoAllocateWorkItem(dev);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	IoQueueWorkItem(w->item, witness_routine, CriticalWorkQueue, w);
	msleep(20);
	/*
	 * Held while queued or running: the device, not the driver's module
	 * (its unload waits for the work instead of being refused).
	 */
	KUNIT_EXPECT_EQ(test, dev_refs(dev), refs + 1);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), mod);
	KUNIT_EXPECT_EQ(test, pending_items(test), 1);
	KeSetEvent(&hold, IO_NO_INCREMENT, FALSE);
	KUNIT_ASSERT_EQ(test, wait_done(w), STATUS_SUCCESS);
	for (i = 0; i < 200 && pending_items(test); i++)
		usleep_range(10000, 20000);
	KUNIT_EXPECT_EQ(test, dev_refs(dev), refs);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), mod);
	IoFreeWorkItem(w->item);
}

static void workitem_freed_by_its_routine(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w = new_witness(test);
	long blocks = iot_blocks(test);

	w->free_item = true;
	w->item = IoAllocateWorkItem(dev);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	IoQueueWorkItem(w->item, witness_routine, DelayedWorkQueue, w);
	KUNIT_ASSERT_EQ(test, wait_done(w), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, iot_wait_blocks(test, blocks));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void workitem_requeued_runs_again(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w = new_witness(test);
	int i;

	w->item = IoAllocateWorkItem(dev);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	for (i = 0; i < 3; i++) {
		IoQueueWorkItem(w->item, witness_routine, DelayedWorkQueue, w);
		KUNIT_ASSERT_EQ(test, wait_done(w), STATUS_SUCCESS);
		/* The routine has returned; the item is free once it is done. */
		while (pending_items(test))
			usleep_range(5000, 10000);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&w->runs), 3);
	IoFreeWorkItem(w->item);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void workitem_queued_twice_reported(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w = new_witness(test);
	KEVENT hold;

	KeInitializeEvent(&hold, NotificationEvent, FALSE);
	w->hold = &hold;
	w->item = IoAllocateWorkItem(dev);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	/* Queued and not started: hold up the worker with a first item. */
	IoQueueWorkItem(w->item, witness_routine, DelayedWorkQueue, w);
	IoQueueWorkItem(w->item, witness_routine, DelayedWorkQueue, w);
	/* Either still queued (reported) or already running (allowed). */
	KeSetEvent(&hold, IO_NO_INCREMENT, FALSE);
	KUNIT_ASSERT_EQ(test, wait_done(w), STATUS_SUCCESS);
	while (pending_items(test))
		usleep_range(5000, 10000);
	KUNIT_EXPECT_EQ(test, atomic_read(&w->runs) + iot_new_reports(test), 2);
	IoFreeWorkItem(w->item);
}

static void workitem_own_storage(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w = new_witness(test);
	unsigned int refs = dev_refs(dev);

	KUNIT_EXPECT_GT(test, IoSizeofWorkItem(), 0U);
	w->item = kunit_kzalloc(test, IoSizeofWorkItem(), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	IoInitializeWorkItem(dev, w->item);
	IoQueueWorkItem(w->item, witness_routine, DelayedWorkQueue, w);
	KUNIT_ASSERT_EQ(test, wait_done(w), STATUS_SUCCESS);
	while (pending_items(test))
		usleep_range(5000, 10000);
	KUNIT_EXPECT_PTR_EQ(test, w->dev, dev);
	KUNIT_EXPECT_EQ(test, dev_refs(dev), refs);
	IoUninitializeWorkItem(w->item);
	/* Not IoAllocateWorkItem's: IoFreeWorkItem is a bug. */
	IoFreeWorkItem(w->item);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

static void workitem_for_driver_object(struct kunit *test)
{
	struct witness *w = new_witness(test);
	struct iot *t = iot_of(test);

	w->item = kunit_kzalloc(test, IoSizeofWorkItem(), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	IoInitializeWorkItem(t->obj, w->item);
	IoQueueWorkItem(w->item, witness_routine, DelayedWorkQueue, w);
	KUNIT_ASSERT_EQ(test, wait_done(w), STATUS_SUCCESS);
	while (pending_items(test))
		usleep_range(5000, 10000);
	KUNIT_EXPECT_PTR_EQ(test, (PVOID)w->dev, (PVOID)t->obj);
	IoUninitializeWorkItem(w->item);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void workitem_queued_at_dispatch_level(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w = new_witness(test);
	KIRQL old;

	w->free_item = true;
	w->item = IoAllocateWorkItem(dev);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	IoQueueWorkItem(w->item, witness_routine, DelayedWorkQueue, w);
	KeLowerIrql(old);
	KUNIT_ASSERT_EQ(test, wait_done(w), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, w->irql, PASSIVE_LEVEL);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static void workitem_bad_objects_reported(struct kunit *test)
{
	struct witness *w = new_witness(test);
	KEVENT ev;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	KUNIT_EXPECT_NULL(test, IoAllocateWorkItem(NULL));
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
	w->item = kunit_kzalloc(test, IoSizeofWorkItem(), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	IoInitializeWorkItem(&ev, w->item);
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 1);
}

static VOID NTAPI slow_routine(PDEVICE_OBJECT dev, PVOID ctx)
{
	struct witness *w = ctx;

	msleep(100);
	atomic_inc(&w->runs);
	IoFreeWorkItem(w->item);
}

/* The driver's unload waits for the items it queued, then DriverUnload. */
static void workitem_unload_drains(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w = new_witness(test);
	struct iot *t = iot_of(test);
	int before = atomic_read(&wdm_reports);

	w->item = IoAllocateWorkItem(dev);
	KUNIT_ASSERT_NOT_NULL(test, w->item);
	IoQueueWorkItem(w->item, slow_routine, DelayedWorkQueue, w);
	wdm_driver_unload(t->handle);
	t->handle = NULL;
	KUNIT_EXPECT_EQ(test, atomic_read(&w->runs), 1);
	/* Nothing left behind: no leaked item, no device. */
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before);
}

static void workitem_many_each_once(struct kunit *test)
{
	PDEVICE_OBJECT dev = iot_create(test, NULL, NULL, NULL);
	struct witness *w;
	int i, n = 64;

	w = kunit_kcalloc(test, n, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < n; i++) {
		KeInitializeEvent(&w[i].done, SynchronizationEvent, FALSE);
		w[i].free_item = true;
		w[i].item = IoAllocateWorkItem(dev);
		KUNIT_ASSERT_NOT_NULL(test, w[i].item);
	}
	for (i = 0; i < n; i++)
		IoQueueWorkItem(w[i].item, witness_routine, DelayedWorkQueue, &w[i]);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ(test, wait_done(&w[i]), STATUS_SUCCESS);
		KUNIT_EXPECT_EQ(test, atomic_read(&w[i].runs), 1);
	}
	KUNIT_EXPECT_EQ(test, iot_new_reports(test), 0);
}

static struct kunit_case io_workitem_cases[] = {
	KUNIT_CASE(workitem_runs_at_passive_with_device),
	KUNIT_CASE(workitem_references_until_run),
	KUNIT_CASE(workitem_freed_by_its_routine),
	KUNIT_CASE(workitem_requeued_runs_again),
	KUNIT_CASE(workitem_queued_twice_reported),
	KUNIT_CASE(workitem_own_storage),
	KUNIT_CASE(workitem_for_driver_object),
	KUNIT_CASE(workitem_queued_at_dispatch_level),
	KUNIT_CASE(workitem_bad_objects_reported),
	KUNIT_CASE(workitem_unload_drains),
	KUNIT_CASE(workitem_many_each_once),
	{}
};

static struct kunit_suite io_workitem_suite = {
	.name = "wdmshim_io_workitem",
	.init = iot_init,
	.exit = iot_exit,
	.test_cases = io_workitem_cases,
};

kunit_test_suites(&io_workitem_suite);
