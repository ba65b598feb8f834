/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmshim/ke.h - kernel (Ke) objects for hosted drivers: IRQL, spin locks,
 * events and waits. Included by <wdm.h>.
 *
 * Objects that embed a Linux primitive (a spinlock_t, a wait queue) keep
 * it in opaque storage sized for the largest debug configuration; wdmshim
 * checks at build time that the Linux object fits. Their sizes therefore
 * differ from Windows', which only matters to code that hard-codes them.
 */
#ifndef _WDMSHIM_KE_H
#define _WDMSHIM_KE_H

/* Storage for a spinlock_t (lockdep makes it 64 bytes). */
typedef struct _KSPIN_LOCK {
	ULONG_PTR Opaque[12];
} KSPIN_LOCK, *PKSPIN_LOCK;

/* Storage for a lockdep class key, one per KeInitializeSpinLock() site. */
typedef struct _WDM_LOCK_CLASS_KEY {
	ULONG_PTR Opaque[4];
} WDM_LOCK_CLASS_KEY;

typedef enum _KWAIT_REASON {
	Executive = 0,
	FreePage,
	PageIn,
	PoolAllocation,
	DelayExecution,
	Suspended,
	UserRequest,
	WrExecutive,
	MaximumWaitReason = 37,
} KWAIT_REASON;

typedef enum _MODE {
	KernelMode,
	UserMode,
	MaximumMode
} MODE;

typedef enum _EVENT_TYPE {
	NotificationEvent,
	SynchronizationEvent
} EVENT_TYPE;

/* Dispatcher object header: Type, SignalState and a Linux wait queue. */
typedef struct _DISPATCHER_HEADER {
	UCHAR Type;
	UCHAR Signalling;
	UCHAR Size;
	UCHAR Reserved1;
	LONG SignalState;
	ULONG_PTR WaitQueue[14];	/* wait_queue_head_t */
} DISPATCHER_HEADER;

typedef struct _KEVENT {
	DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;

/* IRQL */
KIRQL NTAPI KeGetCurrentIrql(VOID);
KIRQL NTAPI KfRaiseIrql(KIRQL NewIrql);
VOID NTAPI KeLowerIrql(KIRQL NewIrql);
KIRQL NTAPI KeRaiseIrqlToDpcLevel(VOID);
#define KeRaiseIrql(NewIrql, OldIrql) (*(OldIrql) = KfRaiseIrql(NewIrql))

/* Spin locks */
VOID NTAPI wdm_spin_lock_init(PKSPIN_LOCK SpinLock, WDM_LOCK_CLASS_KEY *Key,
			      PCSTR Name);
#define KeInitializeSpinLock(SpinLock)					\
	do {								\
		static WDM_LOCK_CLASS_KEY __wdm_lock_key;		\
		wdm_spin_lock_init((SpinLock), &__wdm_lock_key, #SpinLock); \
	} while (0)
KIRQL NTAPI KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock);
#define KeAcquireSpinLock(SpinLock, OldIrql) \
	(*(OldIrql) = KeAcquireSpinLockRaiseToDpc(SpinLock))
VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql);
VOID NTAPI KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
VOID NTAPI KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock);
BOOLEAN NTAPI KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);

/* Events and waits */
VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
LONG NTAPI KeResetEvent(PRKEVENT Event);
VOID NTAPI KeClearEvent(PRKEVENT Event);
LONG NTAPI KeReadStateEvent(PRKEVENT Event);
NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason,
				     KPROCESSOR_MODE WaitMode,
				     BOOLEAN Alertable, PLARGE_INTEGER Timeout);

#endif /* _WDMSHIM_KE_H */
