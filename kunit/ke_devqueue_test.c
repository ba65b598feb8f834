// SPDX-License-Identifier: GPL-2.0
/*
 * ke_devqueue_test.c - KUnit tests of device queues (KDEVICE_QUEUE),
 * pinning DESIGN §4 "Device queues and StartIo":
 *
 * - KeInsertDeviceQueue into an idle queue returns FALSE and makes it
 *   busy; into a busy one returns TRUE.
 * - By key: ascending, FIFO among equal keys.
 * - Removing from an empty queue clears busy and returns NULL.
 * - Remove by key: the first entry with key >= Key, wrapping to the head.
 * - KeRemoveEntryDeviceQueue removes a queued entry only.
 *
 * The routines are called at DISPATCH_LEVEL, as Windows requires; results
 * are recorded there and asserted after lowering the IRQL.
 */
#include <kunit/test.h>
#include "wdm_internal.h"

#define N 8

struct dq {
	KDEVICE_QUEUE q;
	KDEVICE_QUEUE_ENTRY e[N];
};

static struct dq *new_dq(struct kunit *test)
{
	struct dq *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, d);
	KeInitializeDeviceQueue(&d->q);
	return d;
}

static BOOLEAN ins(struct dq *d, int i)
{
	KIRQL old = KeRaiseIrqlToDpcLevel();
	BOOLEAN r = KeInsertDeviceQueue(&d->q, &d->e[i]);

	KeLowerIrql(old);
	return r;
}

static BOOLEAN ins_key(struct dq *d, int i, ULONG key)
{
	KIRQL old = KeRaiseIrqlToDpcLevel();
	BOOLEAN r = KeInsertByKeyDeviceQueue(&d->q, &d->e[i], key);

	KeLowerIrql(old);
	return r;
}

/* Index of the entry removed, or -1 for NULL. */
static int idx(struct dq *d, PKDEVICE_QUEUE_ENTRY e)
{
	return e ? (int)(e - d->e) : -1;
}

static int rm(struct dq *d)
{
	KIRQL old = KeRaiseIrqlToDpcLevel();
	PKDEVICE_QUEUE_ENTRY e = KeRemoveDeviceQueue(&d->q);

	KeLowerIrql(old);
	return idx(d, e);
}

static int rm_key(struct dq *d, ULONG key)
{
	KIRQL old = KeRaiseIrqlToDpcLevel();
	PKDEVICE_QUEUE_ENTRY e = KeRemoveByKeyDeviceQueue(&d->q, key);

	KeLowerIrql(old);
	return idx(d, e);
}

static void devqueue_initialize(struct kunit *test)
{
	struct dq *d = new_dq(test);

	KUNIT_EXPECT_FALSE(test, d->q.Busy);
	KUNIT_EXPECT_TRUE(test, IsListEmpty(&d->q.DeviceListHead));
	KUNIT_EXPECT_EQ(test, d->q.Size, (CSHORT)sizeof(KDEVICE_QUEUE));
}

static void devqueue_insert_idle_returns_false_busy(struct kunit *test)
{
	struct dq *d = new_dq(test);

	KUNIT_EXPECT_FALSE(test, ins(d, 0));
	KUNIT_EXPECT_TRUE(test, d->q.Busy);
	KUNIT_EXPECT_FALSE(test, d->e[0].Inserted);
	KUNIT_EXPECT_TRUE(test, IsListEmpty(&d->q.DeviceListHead));
}

static void devqueue_insert_busy_returns_true(struct kunit *test)
{
	struct dq *d = new_dq(test);

	ins(d, 0);
	KUNIT_EXPECT_TRUE(test, ins(d, 1));
	KUNIT_EXPECT_TRUE(test, d->e[1].Inserted);
	KUNIT_EXPECT_TRUE(test, ins(d, 2));
	KUNIT_EXPECT_TRUE(test, d->q.Busy);
	/* FIFO */
	KUNIT_EXPECT_EQ(test, rm(d), 1);
	KUNIT_EXPECT_FALSE(test, d->e[1].Inserted);
	KUNIT_EXPECT_EQ(test, rm(d), 2);
	KUNIT_EXPECT_TRUE(test, d->q.Busy);
}

static void devqueue_remove_empty_clears_busy(struct kunit *test)
{
	struct dq *d = new_dq(test);

	ins(d, 0);
	ins(d, 1);
	KUNIT_EXPECT_EQ(test, rm(d), 1);
	KUNIT_EXPECT_TRUE(test, d->q.Busy);
	KUNIT_EXPECT_EQ(test, rm(d), -1);
	KUNIT_EXPECT_FALSE(test, d->q.Busy);
	/* Idle again: the next insert starts it. */
	KUNIT_EXPECT_FALSE(test, ins(d, 2));
	KUNIT_EXPECT_TRUE(test, d->q.Busy);
}

static void devqueue_by_key_ascending_fifo(struct kunit *test)
{
	struct dq *d = new_dq(test);
	static const ULONG keys[] = { 0, 5, 3, 5, 1, 9, 3, 0 };
	static const int order[] = { 7, 4, 2, 6, 1, 3, 5 };
	int i;

	KUNIT_EXPECT_FALSE(test, ins_key(d, 0, keys[0]));
	for (i = 1; i < N; i++)
		KUNIT_EXPECT_TRUE(test, ins_key(d, i, keys[i]));
	for (i = 0; i < N - 1; i++) {
		int got = rm(d);

		KUNIT_EXPECT_EQ_MSG(test, got, order[i], "position %d", i);
		if (got >= 0)
			KUNIT_EXPECT_EQ(test, d->e[got].SortKey, keys[got]);
	}
	KUNIT_EXPECT_EQ(test, rm(d), -1);
	KUNIT_EXPECT_FALSE(test, d->q.Busy);
}

static void devqueue_remove_by_key(struct kunit *test)
{
	struct dq *d = new_dq(test);

	ins_key(d, 0, 0);
	ins_key(d, 1, 10);
	ins_key(d, 2, 20);
	ins_key(d, 3, 20);
	ins_key(d, 4, 30);
	/* First entry with key >= 15: the first 20. */
	KUNIT_EXPECT_EQ(test, rm_key(d, 15), 2);
	/* Exact key. */
	KUNIT_EXPECT_EQ(test, rm_key(d, 20), 3);
	/* None >= 31: wraps to the head. */
	KUNIT_EXPECT_EQ(test, rm_key(d, 31), 1);
	KUNIT_EXPECT_EQ(test, rm_key(d, 0), 4);
	KUNIT_EXPECT_TRUE(test, d->q.Busy);
	KUNIT_EXPECT_EQ(test, rm_key(d, 0), -1);
	KUNIT_EXPECT_FALSE(test, d->q.Busy);
}

static void devqueue_remove_entry(struct kunit *test)
{
	struct dq *d = new_dq(test);

	ins(d, 0);
	ins(d, 1);
	ins(d, 2);
	ins(d, 3);
	/* The entry that started the queue is not queued. */
	KUNIT_EXPECT_FALSE(test, KeRemoveEntryDeviceQueue(&d->q, &d->e[0]));
	KUNIT_EXPECT_TRUE(test, KeRemoveEntryDeviceQueue(&d->q, &d->e[2]));
	KUNIT_EXPECT_FALSE(test, d->e[2].Inserted);
	KUNIT_EXPECT_FALSE(test, KeRemoveEntryDeviceQueue(&d->q, &d->e[2]));
	KUNIT_EXPECT_EQ(test, rm(d), 1);
	KUNIT_EXPECT_EQ(test, rm(d), 3);
	KUNIT_EXPECT_TRUE(test, KeRemoveEntryDeviceQueue(&d->q, &d->e[1]) == FALSE);
	/* Removing the last entry leaves the queue busy. */
	ins(d, 4);
	KUNIT_EXPECT_TRUE(test, KeRemoveEntryDeviceQueue(&d->q, &d->e[4]));
	KUNIT_EXPECT_TRUE(test, d->q.Busy);
	KUNIT_EXPECT_EQ(test, rm(d), -1);
}

static void devqueue_below_dispatch_reported(struct kunit *test)
{
	struct dq *d = new_dq(test);
	int before = atomic_read(&wdm_reports);

	KUNIT_EXPECT_FALSE(test, KeInsertDeviceQueue(&d->q, &d->e[0]));
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 1);
	KUNIT_EXPECT_NULL(test, KeRemoveDeviceQueue(&d->q));
	KUNIT_EXPECT_EQ(test, atomic_read(&wdm_reports), before + 2);
	KUNIT_EXPECT_FALSE(test, d->q.Busy);
}

static struct kunit_case ke_devqueue_cases[] = {
	KUNIT_CASE(devqueue_initialize),
	KUNIT_CASE(devqueue_insert_idle_returns_false_busy),
	KUNIT_CASE(devqueue_insert_busy_returns_true),
	KUNIT_CASE(devqueue_remove_empty_clears_busy),
	KUNIT_CASE(devqueue_by_key_ascending_fifo),
	KUNIT_CASE(devqueue_remove_by_key),
	KUNIT_CASE(devqueue_remove_entry),
	KUNIT_CASE(devqueue_below_dispatch_reported),
	{}
};

static struct kunit_suite ke_devqueue_suite = {
	.name = "wdmshim_ke_devqueue",
	.test_cases = ke_devqueue_cases,
};

kunit_test_suites(&ke_devqueue_suite);
