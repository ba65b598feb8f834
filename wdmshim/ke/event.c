// SPDX-License-Identifier: GPL-2.0
/*
 * ke/event.c - KEVENT on a Linux wait queue (waits: ke/wait.c).
 *
 * A notification event stays signalled until reset and releases every
 * waiter; a synchronization event releases one waiter and resets itself,
 * atomically with that waiter's wake-up.
 */
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/build_bug.h>
#include "../wdm_internal.h"
#include "ke.h"

/* Dispatcher object types (DISPATCHER_HEADER.Type) */
#define WDM_OBJ_NOTIFICATION_EVENT	0
#define WDM_OBJ_SYNCHRONIZATION_EVENT	1

static wait_queue_head_t *wdm_waitq(DISPATCHER_HEADER *h)
{
	BUILD_BUG_ON(sizeof(wait_queue_head_t) > sizeof(h->WaitQueue));
	return (wait_queue_head_t *)h->WaitQueue;
}

/**
 * KeInitializeEvent() - initialise an event
 * @Event: the event
 * @Type: NotificationEvent or SynchronizationEvent
 * @State: initially signalled
 */
VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
	Event->Header.Type = Type == SynchronizationEvent ?
			     WDM_OBJ_SYNCHRONIZATION_EVENT :
			     WDM_OBJ_NOTIFICATION_EVENT;
	Event->Header.Size = sizeof(*Event) / sizeof(LONG);
	Event->Header.SignalState = !!State;
	init_waitqueue_head(wdm_waitq(&Event->Header));
}
EXPORT_SYMBOL_WDM(KeInitializeEvent);

/**
 * KeSetEvent() - signal an event and wake its waiters
 * @Event: the event
 * @Increment: priority boost (ignored)
 * @Wait: whether a wait call follows at once (no effect here)
 *
 * Return: the previous signal state.
 */
LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
	unsigned long flags;
	LONG old;

	/*
	 * Under the dispatcher lock, which a waiter's check takes too: a
	 * waiter that sees the signal cannot return (and free an event on
	 * its stack) before the wake-up is done with the event.
	 */
	spin_lock_irqsave(&wdm_dispatcher_lock, flags);
	old = xchg(&Event->Header.SignalState, 1);
	wake_up_all(wdm_waitq(&Event->Header));
	spin_unlock_irqrestore(&wdm_dispatcher_lock, flags);
	return old;
}
EXPORT_SYMBOL_WDM(KeSetEvent);

/**
 * KeResetEvent() - clear an event
 * @Event: the event
 *
 * Return: the previous signal state.
 */
LONG NTAPI KeResetEvent(PRKEVENT Event)
{
	return xchg(&Event->Header.SignalState, 0);
}
EXPORT_SYMBOL_WDM(KeResetEvent);

/**
 * KeClearEvent() - clear an event
 * @Event: the event
 */
VOID NTAPI KeClearEvent(PRKEVENT Event)
{
	WRITE_ONCE(Event->Header.SignalState, 0);
}
EXPORT_SYMBOL_WDM(KeClearEvent);

/**
 * KeReadStateEvent() - read an event's state
 * @Event: the event
 *
 * Return: nonzero if signalled.
 */
LONG NTAPI KeReadStateEvent(PRKEVENT Event)
{
	return READ_ONCE(Event->Header.SignalState);
}
EXPORT_SYMBOL_WDM(KeReadStateEvent);
