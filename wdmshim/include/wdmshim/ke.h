/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmshim/ke.h - kernel (Ke) objects for hosted drivers: IRQL, spin locks,
 * events and waits, DPCs, timers and device queues. Included by <wdm.h>.
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

/* In-stack queued spin locks: the same KSPIN_LOCK, the handle keeps the IRQL. */
typedef struct _KSPIN_LOCK_QUEUE {
	struct _KSPIN_LOCK_QUEUE *volatile Next;
	PKSPIN_LOCK volatile Lock;
} KSPIN_LOCK_QUEUE, *PKSPIN_LOCK_QUEUE;

typedef struct _KLOCK_QUEUE_HANDLE {
	KSPIN_LOCK_QUEUE LockQueue;
	KIRQL OldIrql;
} KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;

VOID NTAPI KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock,
					  PKLOCK_QUEUE_HANDLE LockHandle);
VOID NTAPI KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle);
VOID NTAPI KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock,
						    PKLOCK_QUEUE_HANDLE LockHandle);
VOID NTAPI KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle);

/* Events and waits */
VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
LONG NTAPI KeResetEvent(PRKEVENT Event);
VOID NTAPI KeClearEvent(PRKEVENT Event);
LONG NTAPI KeReadStateEvent(PRKEVENT Event);
NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason,
				     KPROCESSOR_MODE WaitMode,
				     BOOLEAN Alertable, PLARGE_INTEGER Timeout);

/* Dispatcher object types (DISPATCHER_HEADER.Type), Windows' KOBJECTS */
#define EventNotificationObject		0
#define EventSynchronizationObject	1
#define MutantObject			2
#define SemaphoreObject			5
#define ThreadObject			6
#define TimerNotificationObject		8
#define TimerSynchronizationObject	9

typedef enum _WAIT_TYPE {
	WaitAll,
	WaitAny
} WAIT_TYPE;

/* Waits on more objects than this need a caller-supplied KWAIT_BLOCK array. */
#define THREAD_WAIT_OBJECTS	3
#define MAXIMUM_WAIT_OBJECTS	64

/* Storage for one wait queue entry of a multiple-object wait. */
typedef struct _KWAIT_BLOCK {
	ULONG_PTR Opaque[8];
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;

NTSTATUS NTAPI KeWaitForMultipleObjects(ULONG Count, PVOID Object[],
					WAIT_TYPE WaitType,
					KWAIT_REASON WaitReason,
					KPROCESSOR_MODE WaitMode,
					BOOLEAN Alertable,
					PLARGE_INTEGER Timeout,
					PKWAIT_BLOCK WaitBlockArray);
NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode,
				      BOOLEAN Alertable,
				      PLARGE_INTEGER Interval);

/* Semaphores: SignalState is the count. */
typedef struct _KSEMAPHORE {
	DISPATCHER_HEADER Header;
	LONG Limit;
} KSEMAPHORE, *PKSEMAPHORE, *PRKSEMAPHORE;

VOID NTAPI KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count,
				 LONG Limit);
LONG NTAPI KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment,
			      LONG Adjustment, BOOLEAN Wait);
LONG NTAPI KeReadStateSemaphore(PRKSEMAPHORE Semaphore);

/*
 * Kernel mutexes: SignalState is 1 when free, 1 - recursion depth when
 * held; OwnerThread is the owning Linux task.
 */
typedef struct _KMUTANT {
	DISPATCHER_HEADER Header;
	LIST_ENTRY MutantListEntry;
	PVOID OwnerThread;
	BOOLEAN Abandoned;
	UCHAR ApcDisable;
} KMUTANT, *PKMUTANT, *PRKMUTANT, KMUTEX, *PKMUTEX, *PRKMUTEX;

VOID NTAPI KeInitializeMutex(PRKMUTEX Mutex, ULONG Level);
LONG NTAPI KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait);
LONG NTAPI KeReadStateMutex(PRKMUTEX Mutex);

/*
 * Fast mutexes: a Linux struct mutex (Lock, opaque), visible to lockdep
 * with one class per ExInitializeFastMutex() call site. Holding one is
 * APC_LEVEL on Windows; Linux has no such level, so KeGetCurrentIrql()
 * keeps saying PASSIVE_LEVEL (what the holder may do is the same but for
 * APC delivery, which does not exist here).
 */
typedef struct _FAST_MUTEX {
	LONG Count;			/* 1 free, 0 held */
	PVOID Owner;			/* the holding Linux task */
	ULONG Contention;
	ULONG OldIrql;
	ULONG_PTR Lock[24];		/* struct mutex */
} FAST_MUTEX, *PFAST_MUTEX;

VOID NTAPI wdm_fast_mutex_init(PFAST_MUTEX FastMutex, WDM_LOCK_CLASS_KEY *Key,
			       PCSTR Name);
#define ExInitializeFastMutex(FastMutex)				\
	do {								\
		static WDM_LOCK_CLASS_KEY __wdm_fast_mutex_key;		\
		wdm_fast_mutex_init((FastMutex), &__wdm_fast_mutex_key,	\
				    #FastMutex);			\
	} while (0)
VOID NTAPI ExAcquireFastMutex(PFAST_MUTEX FastMutex);
VOID NTAPI ExReleaseFastMutex(PFAST_MUTEX FastMutex);
BOOLEAN NTAPI ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex);
VOID NTAPI ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex);
VOID NTAPI ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex);

/* Time: system time in 100 ns units since 1601, interrupt time since boot */
VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime);
VOID NTAPI KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime);
ULONG NTAPI KeQueryTimeIncrement(VOID);
VOID NTAPI KeQueryTickCount(PLARGE_INTEGER TickCount);
ULONGLONG NTAPI KeQueryInterruptTime(VOID);
LARGE_INTEGER NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency);
VOID NTAPI KeStallExecutionProcessor(ULONG MicroSeconds);

/* Deferred procedure calls */
#define DpcObject 0x13

typedef enum _KDPC_IMPORTANCE {
	LowImportance,
	MediumImportance,
	HighImportance,
	MediumHighImportance
} KDPC_IMPORTANCE;

struct _KDPC;
typedef VOID NTAPI KDEFERRED_ROUTINE(struct _KDPC *Dpc, PVOID DeferredContext,
				     PVOID SystemArgument1,
				     PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;

/*
 * A queued DPC waits on a per-CPU list (Link, a list_head) that a
 * high-priority worker of wdmshim runs with softirqs disabled.
 */
typedef struct _KDPC {
	UCHAR Type;
	UCHAR Importance;
	volatile USHORT Number;
	SINGLE_LIST_ENTRY DpcListEntry;
	KAFFINITY ProcessorHistory;
	PKDEFERRED_ROUTINE DeferredRoutine;
	PVOID DeferredContext;
	PVOID SystemArgument1;
	PVOID SystemArgument2;
	volatile PVOID DpcData;		/* non-NULL while queued */
	ULONG_PTR Link[2];		/* struct list_head */
} KDPC, *PKDPC, *PRKDPC;

VOID NTAPI KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine,
			   PVOID DeferredContext);
BOOLEAN NTAPI KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1,
			       PVOID SystemArgument2);
BOOLEAN NTAPI KeRemoveQueueDpc(PRKDPC Dpc);
VOID NTAPI KeFlushQueuedDpcs(VOID);

/* Timers */
typedef enum _TIMER_TYPE {
	NotificationTimer,
	SynchronizationTimer
} TIMER_TYPE;

/* Timer is a Linux hrtimer (struct hrtimer). */
typedef struct _KTIMER {
	DISPATCHER_HEADER Header;
	ULARGE_INTEGER DueTime;
	LIST_ENTRY TimerListEntry;
	struct _KDPC *Dpc;
	ULONG Processor;
	LONG Period;
	ULONG_PTR Timer[12];		/* struct hrtimer */
} KTIMER, *PKTIMER, *PRKTIMER;

VOID NTAPI KeInitializeTimer(PKTIMER Timer);
VOID NTAPI KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type);
BOOLEAN NTAPI KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc);
BOOLEAN NTAPI KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period,
			   PKDPC Dpc);
BOOLEAN NTAPI KeCancelTimer(PKTIMER Timer);
BOOLEAN NTAPI KeReadStateTimer(PKTIMER Timer);

/* Device queues */
typedef struct _KDEVICE_QUEUE_ENTRY {
	LIST_ENTRY DeviceListEntry;
	ULONG SortKey;
	BOOLEAN Inserted;
} KDEVICE_QUEUE_ENTRY, *PKDEVICE_QUEUE_ENTRY, *PRKDEVICE_QUEUE_ENTRY;

typedef struct _KDEVICE_QUEUE {
	CSHORT Type;
	CSHORT Size;
	LIST_ENTRY DeviceListHead;
	KSPIN_LOCK Lock;
	BOOLEAN Busy;
} KDEVICE_QUEUE, *PKDEVICE_QUEUE, *PRKDEVICE_QUEUE;

VOID NTAPI KeInitializeDeviceQueue(PKDEVICE_QUEUE DeviceQueue);
BOOLEAN NTAPI KeInsertDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
				  PKDEVICE_QUEUE_ENTRY DeviceQueueEntry);
BOOLEAN NTAPI KeInsertByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
				       PKDEVICE_QUEUE_ENTRY DeviceQueueEntry,
				       ULONG SortKey);
PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveDeviceQueue(PKDEVICE_QUEUE DeviceQueue);
PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
						    ULONG SortKey);
BOOLEAN NTAPI KeRemoveEntryDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
				       PKDEVICE_QUEUE_ENTRY DeviceQueueEntry);

#endif /* _WDMSHIM_KE_H */
