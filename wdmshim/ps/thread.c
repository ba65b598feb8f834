// SPDX-License-Identifier: GPL-2.0
/*
 * ps/thread.c - system threads: PsCreateSystemThread runs the driver's
 * routine in a kthread; its handle lives in a table of kernel handles
 * until ZwClose; ObReferenceObjectByHandle gives the thread object, a
 * dispatcher object (ThreadObject) signalled when the thread exits.
 *
 * A thread object lives while its handle or an Ob reference or the
 * running thread itself holds it. The thread holds wdmshim.ko, not the
 * driver: as on Windows, the driver must wait for its threads before it
 * unloads; wdm_threads_drain() reports one that does not and waits.
 * ProcessHandle and ObjectAttributes are ignored: every thread is a
 * kernel thread of the system process.
 */
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/xarray.h>
#include "../io/io.h"
#include "../ke/ke.h"

struct wdm_thread {
	DISPATCHER_HEADER header;	/* first: what drivers wait on */
	refcount_t refs;		/* handle, Ob references, the thread */
	struct task_struct *task;
	struct wdm_driver *drv;		/* the creating driver, if any */
	PKSTART_ROUTINE routine;
	PVOID context;
	NTSTATUS exit_status;
	struct list_head node;		/* in wdm_threads while running */
};

/* Running threads, for PsTerminateSystemThread and unload. */
static LIST_HEAD(wdm_threads);
static DEFINE_SPINLOCK(wdm_threads_lock);
static DECLARE_WAIT_QUEUE_HEAD(wdm_threads_wait);

/* Kernel handles: 0xffffffff80000000 | (index + 1) << 2 */
#define WDM_HANDLE_BASE		0xffffffff80000000UL
#define WDM_HANDLE_MAX_INDEX	0x0fffffff
static DEFINE_XARRAY_ALLOC(wdm_handles);

struct _OBJECT_TYPE {
	const char *name;
};

static struct _OBJECT_TYPE wdm_thread_type = { .name = "Thread" };
static POBJECT_TYPE wdm_thread_type_ptr = &wdm_thread_type;
POBJECT_TYPE *PsThreadType = &wdm_thread_type_ptr;
EXPORT_SYMBOL_WDM(PsThreadType);

static HANDLE wdm_handle_of(u32 index)
{
	return (HANDLE)(WDM_HANDLE_BASE | ((unsigned long)index + 1) << 2);
}

static bool wdm_handle_index(HANDLE h, u32 *index)
{
	unsigned long v = (unsigned long)h;

	if ((v & WDM_HANDLE_BASE) != WDM_HANDLE_BASE || (v & 3))
		return false;
	v = ((v & ~WDM_HANDLE_BASE) >> 2);
	if (!v || v - 1 > WDM_HANDLE_MAX_INDEX)
		return false;
	*index = v - 1;
	return true;
}

/* wdm_thread_get() - ObReferenceObject on a thread object */
void wdm_thread_get(PVOID object)
{
	refcount_inc(&((struct wdm_thread *)object)->refs);
}

/* wdm_thread_put() - ObDereferenceObject on a thread object */
void wdm_thread_put(PVOID object)
{
	struct wdm_thread *t = object;

	if (refcount_dec_and_test(&t->refs))
		kfree(t);
}

/**
 * wdm_thread_exit_status() - what a system thread exited with (for KUnit;
 * drivers have no routine for it yet)
 * @object: the thread object
 *
 * Return: the status of PsTerminateSystemThread, or STATUS_SUCCESS if the
 * start routine returned (or the thread still runs).
 */
NTSTATUS wdm_thread_exit_status(PVOID object)
{
	return READ_ONCE(((struct wdm_thread *)object)->exit_status);
}
EXPORT_SYMBOL_WDM(wdm_thread_exit_status);

static void __noreturn wdm_thread_exit(struct wdm_thread *t, NTSTATUS status)
{
	/* PsTerminateSystemThread may be called inside __try */
	wdm_seh_thread_exit();
	t->exit_status = status;
	spin_lock(&wdm_threads_lock);
	list_del_init(&t->node);
	spin_unlock(&wdm_threads_lock);
	WRITE_ONCE(t->header.SignalState, 1);
	wake_up_all(wdm_dispatcher_waitq(&t->header));
	wake_up_all(&wdm_threads_wait);
	wdm_thread_put(t);
	module_put_and_kthread_exit(0);
}

static int wdm_thread_fn(void *arg)
{
	struct wdm_thread *t = arg;

	t->routine(t->context);
	wdm_thread_exit(t, STATUS_SUCCESS);
}

/**
 * PsCreateSystemThread() - start a kernel thread running a driver routine
 * @ThreadHandle: receives a kernel handle to the thread, for
 *	ObReferenceObjectByHandle() and ZwClose()
 * @DesiredAccess: access to the thread (THREAD_ALL_ACCESS; not checked)
 * @ObjectAttributes: NULL or OBJ_KERNEL_HANDLE attributes (ignored)
 * @ProcessHandle: NULL (the system process; others are ignored)
 * @ClientId: NULL, or receives the thread's ids (UniqueThread: its pid)
 * @StartRoutine: the routine, called at PASSIVE_LEVEL with @StartContext;
 *	the thread ends when it returns or calls PsTerminateSystemThread()
 * @StartContext: passed to @StartRoutine
 *
 * Return: STATUS_SUCCESS, STATUS_INSUFFICIENT_RESOURCES, or
 * STATUS_INVALID_PARAMETER (reported) above PASSIVE_LEVEL.
 */
NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle,
				    ULONG DesiredAccess,
				    POBJECT_ATTRIBUTES ObjectAttributes,
				    HANDLE ProcessHandle, PCLIENT_ID ClientId,
				    PKSTART_ROUTINE StartRoutine,
				    PVOID StartContext)
{
	struct wdm_pool_account *acct = wdm_pool_account_of(_RET_IP_);
	KIRQL irql = KeGetCurrentIrql();
	struct task_struct *task;
	struct wdm_thread *t;
	u32 index;

	if (irql != PASSIVE_LEVEL) {
		wdm_report(acct->name, "%s at IRQL %u", __func__, irql);
		return STATUS_INVALID_PARAMETER;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return STATUS_INSUFFICIENT_RESOURCES;
	wdm_dispatcher_init(&t->header, ThreadObject, sizeof(*t), 0);
	refcount_set(&t->refs, 2);	/* the handle's and the thread's */
	t->drv = acct->driver;
	t->routine = StartRoutine;
	t->context = StartContext;
	INIT_LIST_HEAD(&t->node);
	if (xa_alloc(&wdm_handles, &index, t,
		     XA_LIMIT(0, WDM_HANDLE_MAX_INDEX), GFP_KERNEL)) {
		kfree(t);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	task = kthread_create(wdm_thread_fn, t, "wdm/%s", acct->name);
	if (IS_ERR(task)) {
		xa_erase(&wdm_handles, index);
		kfree(t);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	t->task = task;
	__module_get(THIS_MODULE);	/* dropped as the thread exits */
	spin_lock(&wdm_threads_lock);
	list_add_tail(&t->node, &wdm_threads);
	spin_unlock(&wdm_threads_lock);
	if (ClientId) {
		ClientId->UniqueProcess = NULL;
		ClientId->UniqueThread = (HANDLE)(unsigned long)task_pid_nr(task);
	}
	*ThreadHandle = wdm_handle_of(index);
	wake_up_process(task);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(PsCreateSystemThread);

/**
 * PsTerminateSystemThread() - end the calling system thread
 * @ExitStatus: its exit status
 *
 * Does not return when called by a thread of PsCreateSystemThread().
 *
 * Return: STATUS_INVALID_PARAMETER (reported) from any other thread.
 */
NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus)
{
	struct wdm_thread *t, *found = NULL;

	spin_lock(&wdm_threads_lock);
	list_for_each_entry(t, &wdm_threads, node) {
		if (t->task == current) {
			found = t;
			break;
		}
	}
	spin_unlock(&wdm_threads_lock);
	if (!found) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s from a thread PsCreateSystemThread did not create",
			   __func__);
		return STATUS_INVALID_PARAMETER;
	}
	wdm_thread_exit(found, ExitStatus);
}
EXPORT_SYMBOL_WDM(PsTerminateSystemThread);

/**
 * ObReferenceObjectByHandle() - the object a kernel handle stands for
 * @Handle: a handle from PsCreateSystemThread()
 * @DesiredAccess: access wanted (not checked)
 * @ObjectType: NULL or *PsThreadType
 * @AccessMode: KernelMode (UserMode handles do not exist here)
 * @Object: receives the object, referenced: ObDereferenceObject() it
 * @HandleInformation: NULL, or receives the handle's attributes
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_HANDLE or
 * STATUS_OBJECT_TYPE_MISMATCH.
 */
NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle,
					 ACCESS_MASK DesiredAccess,
					 POBJECT_TYPE ObjectType,
					 KPROCESSOR_MODE AccessMode,
					 PVOID *Object,
					 POBJECT_HANDLE_INFORMATION HandleInformation)
{
	struct wdm_thread *t;
	u32 index;

	if (!wdm_handle_index(Handle, &index))
		return STATUS_INVALID_HANDLE;
	xa_lock(&wdm_handles);
	t = xa_load(&wdm_handles, index);
	if (t)
		wdm_thread_get(t);
	xa_unlock(&wdm_handles);
	if (!t)
		return STATUS_INVALID_HANDLE;
	if (ObjectType && ObjectType != wdm_thread_type_ptr) {
		wdm_thread_put(t);
		return STATUS_OBJECT_TYPE_MISMATCH;
	}
	if (HandleInformation) {
		HandleInformation->HandleAttributes = OBJ_KERNEL_HANDLE;
		HandleInformation->GrantedAccess = THREAD_ALL_ACCESS;
	}
	*Object = t;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(ObReferenceObjectByHandle);

/**
 * ZwClose() - close a kernel handle
 * @Handle: a handle from PsCreateSystemThread()
 *
 * Return: STATUS_SUCCESS, or STATUS_INVALID_HANDLE (reported: Windows
 * bug-checks on a bad kernel handle).
 */
NTSTATUS NTAPI ZwClose(HANDLE Handle)
{
	struct wdm_thread *t = NULL;
	u32 index;

	if (wdm_handle_index(Handle, &index))
		t = xa_erase(&wdm_handles, index);
	if (!t) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on an invalid handle %#lx", __func__,
			   (unsigned long)Handle);
		return STATUS_INVALID_HANDLE;
	}
	wdm_thread_put(t);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(ZwClose);

static int wdm_threads_running(struct wdm_driver *drv)
{
	struct wdm_thread *t;
	int n = 0;

	spin_lock(&wdm_threads_lock);
	list_for_each_entry(t, &wdm_threads, node)
		n += t->drv == drv;
	spin_unlock(&wdm_threads_lock);
	return n;
}

/**
 * wdm_threads_drain() - wait until the system threads @drv created have
 * exited (reported: the driver should have waited for them itself)
 * @drv: the driver, unloading
 */
void wdm_threads_drain(struct wdm_driver *drv)
{
	int n = wdm_threads_running(drv);

	if (!n)
		return;
	wdm_report(drv->name, "%d system thread(s) still running at unload; waiting",
		   n);
	wait_event(wdm_threads_wait, !wdm_threads_running(drv));
}
