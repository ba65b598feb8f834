// SPDX-License-Identifier: GPL-2.0
/*
 * ke/devqueue.c - device queues (KDEVICE_QUEUE), with Windows' return
 * values and busy-state transitions:
 *
 * - inserting into an idle queue does not queue the entry: the queue
 *   becomes busy and the call returns FALSE (the caller starts the work
 *   itself); into a busy queue the entry is queued and the call returns
 *   TRUE. By key: ascending, FIFO among equal keys.
 * - removing from an empty queue makes it idle and returns NULL; else it
 *   returns the head. By key: the first entry whose key is >= the given
 *   one, or the head if there is none.
 * - KeRemoveEntryDeviceQueue() removes an entry if it is queued.
 *
 * The insert and remove routines are for DISPATCH_LEVEL, as on Windows; a
 * caller below it is reported and served anyway. Every routine takes the
 * queue's KSPIN_LOCK with softirqs disabled.
 */
#include <linux/build_bug.h>
#include <linux/bottom_half.h>
#include <linux/spinlock.h>
#include "../wdm_internal.h"

#define WDM_DEVICE_QUEUE_TYPE 0x14	/* DeviceQueueObject */

static spinlock_t *wdm_dq_lock(PKDEVICE_QUEUE q)
{
	BUILD_BUG_ON(sizeof(spinlock_t) > sizeof(KSPIN_LOCK));
	return (spinlock_t *)&q->Lock;
}

static void wdm_dq_check_dispatch(unsigned long ip, const char *what)
{
	KIRQL irql = KeGetCurrentIrql();

	if (irql != DISPATCH_LEVEL)
		wdm_report(wdm_caller_name(ip), "%s at IRQL %u, not DISPATCH_LEVEL",
			   what, irql);
}

/**
 * KeInitializeDeviceQueue() - initialise an idle, empty device queue
 * @DeviceQueue: the queue
 */
VOID NTAPI KeInitializeDeviceQueue(PKDEVICE_QUEUE DeviceQueue)
{
	DeviceQueue->Type = WDM_DEVICE_QUEUE_TYPE;
	DeviceQueue->Size = sizeof(*DeviceQueue);
	InitializeListHead(&DeviceQueue->DeviceListHead);
	spin_lock_init(wdm_dq_lock(DeviceQueue));
	DeviceQueue->Busy = FALSE;
}
EXPORT_SYMBOL_WDM(KeInitializeDeviceQueue);

/**
 * KeInsertDeviceQueue() - queue an entry at the tail of a busy queue
 * @DeviceQueue: the queue
 * @DeviceQueueEntry: the entry
 *
 * Return: FALSE if the queue was idle (it is now busy and the entry is
 * not queued), TRUE if the entry was queued.
 */
BOOLEAN NTAPI KeInsertDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
				  PKDEVICE_QUEUE_ENTRY DeviceQueueEntry)
{
	BOOLEAN inserted = FALSE;

	wdm_dq_check_dispatch(_RET_IP_, "KeInsertDeviceQueue");
	spin_lock_bh(wdm_dq_lock(DeviceQueue));
	if (!DeviceQueue->Busy) {
		DeviceQueue->Busy = TRUE;
	} else {
		InsertTailList(&DeviceQueue->DeviceListHead,
			       &DeviceQueueEntry->DeviceListEntry);
		inserted = TRUE;
	}
	DeviceQueueEntry->Inserted = inserted;
	spin_unlock_bh(wdm_dq_lock(DeviceQueue));
	return inserted;
}
EXPORT_SYMBOL_WDM(KeInsertDeviceQueue);

/**
 * KeInsertByKeyDeviceQueue() - queue an entry in key order in a busy queue
 * @DeviceQueue: the queue
 * @DeviceQueueEntry: the entry
 * @SortKey: its key: it goes after every entry whose key is <= SortKey
 *
 * Return: FALSE if the queue was idle (it is now busy and the entry is
 * not queued), TRUE if the entry was queued.
 */
BOOLEAN NTAPI KeInsertByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
				       PKDEVICE_QUEUE_ENTRY DeviceQueueEntry,
				       ULONG SortKey)
{
	PLIST_ENTRY head = &DeviceQueue->DeviceListHead, pos;
	BOOLEAN inserted = FALSE;

	wdm_dq_check_dispatch(_RET_IP_, "KeInsertByKeyDeviceQueue");
	spin_lock_bh(wdm_dq_lock(DeviceQueue));
	DeviceQueueEntry->SortKey = SortKey;
	if (!DeviceQueue->Busy) {
		DeviceQueue->Busy = TRUE;
	} else {
		for (pos = head->Flink; pos != head; pos = pos->Flink) {
			PKDEVICE_QUEUE_ENTRY e = CONTAINING_RECORD(pos,
					KDEVICE_QUEUE_ENTRY, DeviceListEntry);

			if (SortKey < e->SortKey)
				break;
		}
		/* Before pos: at the tail of the entries with keys <= SortKey. */
		InsertTailList(pos, &DeviceQueueEntry->DeviceListEntry);
		inserted = TRUE;
	}
	DeviceQueueEntry->Inserted = inserted;
	spin_unlock_bh(wdm_dq_lock(DeviceQueue));
	return inserted;
}
EXPORT_SYMBOL_WDM(KeInsertByKeyDeviceQueue);

static PKDEVICE_QUEUE_ENTRY wdm_dq_take(PLIST_ENTRY pos)
{
	PKDEVICE_QUEUE_ENTRY e = CONTAINING_RECORD(pos, KDEVICE_QUEUE_ENTRY,
						   DeviceListEntry);

	RemoveEntryList(pos);
	e->Inserted = FALSE;
	return e;
}

/**
 * KeRemoveDeviceQueue() - take the head of a busy queue
 * @DeviceQueue: the queue, busy
 *
 * Return: the head entry, or NULL if the queue is empty (it is now idle).
 */
PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveDeviceQueue(PKDEVICE_QUEUE DeviceQueue)
{
	PKDEVICE_QUEUE_ENTRY e = NULL;

	wdm_dq_check_dispatch(_RET_IP_, "KeRemoveDeviceQueue");
	spin_lock_bh(wdm_dq_lock(DeviceQueue));
	if (IsListEmpty(&DeviceQueue->DeviceListHead))
		DeviceQueue->Busy = FALSE;
	else
		e = wdm_dq_take(DeviceQueue->DeviceListHead.Flink);
	spin_unlock_bh(wdm_dq_lock(DeviceQueue));
	return e;
}
EXPORT_SYMBOL_WDM(KeRemoveDeviceQueue);

/**
 * KeRemoveByKeyDeviceQueue() - take the first entry with a key >= SortKey
 * @DeviceQueue: the queue, busy
 * @SortKey: the key
 *
 * If no entry has a key >= SortKey, the head is taken (wrap-around).
 *
 * Return: the entry, or NULL if the queue is empty (it is now idle).
 */
PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
						    ULONG SortKey)
{
	PLIST_ENTRY head = &DeviceQueue->DeviceListHead, pos;
	PKDEVICE_QUEUE_ENTRY e = NULL;

	wdm_dq_check_dispatch(_RET_IP_, "KeRemoveByKeyDeviceQueue");
	spin_lock_bh(wdm_dq_lock(DeviceQueue));
	if (IsListEmpty(head)) {
		DeviceQueue->Busy = FALSE;
	} else {
		for (pos = head->Flink; pos != head; pos = pos->Flink) {
			PKDEVICE_QUEUE_ENTRY c = CONTAINING_RECORD(pos,
					KDEVICE_QUEUE_ENTRY, DeviceListEntry);

			if (c->SortKey >= SortKey)
				break;
		}
		e = wdm_dq_take(pos != head ? pos : head->Flink);
	}
	spin_unlock_bh(wdm_dq_lock(DeviceQueue));
	return e;
}
EXPORT_SYMBOL_WDM(KeRemoveByKeyDeviceQueue);

/**
 * KeRemoveEntryDeviceQueue() - remove an entry if it is queued
 * @DeviceQueue: the queue
 * @DeviceQueueEntry: the entry
 *
 * Callable at IRQL <= DISPATCH_LEVEL; the busy state does not change.
 *
 * Return: TRUE if the entry was queued (it is removed), FALSE if not.
 */
BOOLEAN NTAPI KeRemoveEntryDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
				       PKDEVICE_QUEUE_ENTRY DeviceQueueEntry)
{
	BOOLEAN removed = FALSE;

	spin_lock_bh(wdm_dq_lock(DeviceQueue));
	if (DeviceQueueEntry->Inserted) {
		wdm_dq_take(&DeviceQueueEntry->DeviceListEntry);
		removed = TRUE;
	}
	spin_unlock_bh(wdm_dq_lock(DeviceQueue));
	return removed;
}
EXPORT_SYMBOL_WDM(KeRemoveEntryDeviceQueue);
