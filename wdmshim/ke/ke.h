/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ke/ke.h - what the dispatcher objects of ke/ share: the dispatcher
 * lock, the wait queue inside a DISPATCHER_HEADER, Windows time units.
 */
#ifndef _WDMSHIM_KE_KE_H
#define _WDMSHIM_KE_KE_H

#include <linux/build_bug.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include "../wdm_internal.h"

/* 100 ns units between 1601-01-01 and 1970-01-01 */
#define WDM_EPOCH_DELTA 116444736000000000LL

/*
 * Serialises waiters' evaluation and consumption of signal states, and
 * every change of a semaphore's count or a mutex's owner (Windows'
 * dispatcher lock). Events and timers are signalled under it too, so a
 * waiter that saw the signal cannot free the object while its wake-up
 * is still running.
 */
extern spinlock_t wdm_dispatcher_lock;

static inline wait_queue_head_t *wdm_dispatcher_waitq(DISPATCHER_HEADER *h)
{
	BUILD_BUG_ON(sizeof(wait_queue_head_t) > sizeof(h->WaitQueue));
	return (wait_queue_head_t *)h->WaitQueue;
}

static inline void wdm_dispatcher_init(DISPATCHER_HEADER *h, UCHAR type,
				       size_t size, LONG state)
{
	h->Type = type;
	h->Signalling = 0;
	h->Size = size / sizeof(LONG);
	h->Reserved1 = 0;
	h->SignalState = state;
	init_waitqueue_head(wdm_dispatcher_waitq(h));
}

#endif /* _WDMSHIM_KE_KE_H */
