// SPDX-License-Identifier: GPL-2.0
/*
 * io/startio.c - StartIo: IoStartPacket, IoStartNextPacket(ByKey),
 * IoSetStartIoAttributes, served by one kernel thread per device.
 *
 * Every device of a driver with a DriverStartIo gets a kernel thread
 * "wdm/<device name>" (at IoCreateDevice if the driver already has its
 * StartIo, else when DriverEntry returns). IoStartPacket and
 * IoStartNextPacket(ByKey) follow Windows (DESIGN §4 "Device queues and
 * StartIo") for the device queue, CurrentIrp and cancellation, but where
 * Windows calls StartIo they hand the IRP to the thread (sio_irp) and
 * return. The thread calls StartIo with softirqs disabled (DISPATCH_LEVEL),
 * one IRP at a time, so a driver that completes an IRP and starts the
 * next one from StartIo or its DPC never recurses, and two IRPs are never
 * in StartIo for one device at once; different devices run in parallel.
 *
 * Each hand-off replaces the IRP not yet started, if any: that happens
 * only when the driver ended the current IRP (say, its cancel routine
 * completed it and called IoStartNextPacket) before the thread started
 * it, and that IRP must not reach StartIo any more.
 *
 * Sleeping in StartIo: StartIo runs at DISPATCH_LEVEL, where every NT
 * routine that can block (KeWaitForSingleObject with a non-zero timeout,
 * KeDelayExecutionThread, IoCreateDevice…) checks the IRQL and reports
 * the caller instead of sleeping: that is how a sleeping StartIo is
 * reported, without a scheduler hook or a might_sleep() splat.
 *
 * IoSetStartIoAttributes: DeferredStartIo is what the thread always does
 * (StartIo never runs inside IoStartPacket/IoStartNextPacket);
 * NonCancelable clears the IRP's cancel routine when it becomes current.
 *
 * IoDeleteDevice stops the thread once the device is idle (its queue not
 * busy, no IRP waiting for or in StartIo), waiting for that at most a
 * few seconds (then reported).
 */
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include "io.h"

#define WDM_STARTIO_DRAIN_TIMEOUT (5 * HZ)

/* Hand @irp (or nothing) to the device's StartIo thread. */
static void wdm_startio_handoff(struct wdm_device *d, PIRP irp)
{
	if (irp && d->sio_noncancel)
		IoSetCancelRoutine(irp, NULL);
	spin_lock_bh(&d->sio_lock);
	d->sio_irp = irp;
	spin_unlock_bh(&d->sio_lock);
	wake_up_all(&d->sio_wait);
}

static bool wdm_startio_has_work(struct wdm_device *d)
{
	return READ_ONCE(d->sio_irp) || kthread_should_stop();
}

static int wdm_startio_thread(void *arg)
{
	struct wdm_device *d = arg;
	PDRIVER_STARTIO startio = d->drv->obj.DriverStartIo;
	PIRP irp;

	for (;;) {
		wait_event_idle(d->sio_wait, wdm_startio_has_work(d));
		spin_lock_bh(&d->sio_lock);
		irp = d->sio_irp;
		d->sio_irp = NULL;
		d->sio_running = !!irp;
		spin_unlock_bh(&d->sio_lock);
		if (!irp) {
			if (kthread_should_stop())
				break;
			continue;
		}
		local_bh_disable();
		startio(&d->dev, irp);
		local_bh_enable();
		spin_lock_bh(&d->sio_lock);
		d->sio_running = false;
		spin_unlock_bh(&d->sio_lock);
		wake_up_all(&d->sio_wait);
		cond_resched();
	}
	return 0;
}

/* wdm_startio_init() - IoCreateDevice: the StartIo state of a new device */
void wdm_startio_init(struct wdm_device *d)
{
	init_waitqueue_head(&d->sio_wait);
	spin_lock_init(&d->sio_lock);
	KeInitializeDeviceQueue(&d->dev.DeviceQueue);
}

/*
 * wdm_startio_start() - start the device's StartIo thread if its driver
 * has a StartIo routine and the thread is not running yet. PASSIVE_LEVEL.
 */
int wdm_startio_start(struct wdm_device *d)
{
	struct task_struct *t;
	char name[TASK_COMM_LEN - 4];
	int i, n = 0, start = 0;

	if (d->sio_thread || !d->drv->obj.DriverStartIo)
		return 0;
	/* The last component of \Device\Name, as ASCII. */
	for (i = 0; i < d->name.Length / 2; i++)
		if (d->name.Buffer[i] == L'\\')
			start = i + 1;
	for (i = start; i < d->name.Length / 2 && n < sizeof(name) - 1; i++)
		name[n++] = d->name.Buffer[i] < 0x7f && d->name.Buffer[i] > 0x20 ?
			    d->name.Buffer[i] : '?';
	name[n] = 0;
	t = kthread_run(wdm_startio_thread, d, "wdm/%s", n ? name : d->drv->name);
	if (IS_ERR(t)) {
		wdm_report(d->drv->name, "cannot start the StartIo thread (%ld)",
			   PTR_ERR(t));
		return PTR_ERR(t);
	}
	d->sio_thread = t;
	return 0;
}

static bool wdm_startio_idle(struct wdm_device *d)
{
	bool idle;

	spin_lock_bh(&d->sio_lock);
	idle = !d->sio_irp && !d->sio_running && !READ_ONCE(d->dev.DeviceQueue.Busy);
	spin_unlock_bh(&d->sio_lock);
	return idle;
}

/* wdm_startio_stop() - IoDeleteDevice: wait for idle, stop the thread */
void wdm_startio_stop(struct wdm_device *d)
{
	if (!d->sio_thread)
		return;
	if (!wait_event_timeout(d->sio_wait, wdm_startio_idle(d),
				WDM_STARTIO_DRAIN_TIMEOUT))
		wdm_report(d->drv->name,
			   "device deleted with its StartIo queue still busy");
	kthread_stop(d->sio_thread);
	d->sio_thread = NULL;
}

/**
 * IoStartPacket() - start an IRP on a device or queue it
 * @DeviceObject: the device, of a driver with a StartIo routine
 * @Irp: the IRP, marked pending by the caller
 * @Key: NULL to queue at the tail, else the sort key to queue it by
 * @CancelFunction: NULL, or the cancel routine to set (under the cancel
 *	lock) for the IRP while it is queued or current
 *
 * If the device is idle, the IRP becomes DeviceObject->CurrentIrp and is
 * handed to StartIo; else it is queued, and if it is already cancelled its
 * cancel routine is called at once. IRQL <= DISPATCH_LEVEL.
 */
VOID NTAPI IoStartPacket(PDEVICE_OBJECT DeviceObject, PIRP Irp, PULONG Key,
			 PDRIVER_CANCEL CancelFunction)
{
	struct wdm_device *d = wdm_device_of(DeviceObject);
	PKDEVICE_QUEUE_ENTRY entry = &Irp->Tail.Overlay.DeviceQueueEntry;
	PDRIVER_CANCEL routine;
	BOOLEAN queued;
	KIRQL irql;

	if (!d->sio_thread) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on a device without a StartIo routine", __func__);
		return;
	}
	IoAcquireCancelSpinLock(&irql);
	if (CancelFunction)
		IoSetCancelRoutine(Irp, CancelFunction);
	queued = Key ? KeInsertByKeyDeviceQueue(&DeviceObject->DeviceQueue,
						entry, *Key) :
		       KeInsertDeviceQueue(&DeviceObject->DeviceQueue, entry);
	if (!queued) {
		DeviceObject->CurrentIrp = Irp;
		wdm_startio_handoff(d, Irp);
		IoReleaseCancelSpinLock(irql);
		return;
	}
	if (Irp->Cancel) {
		routine = IoSetCancelRoutine(Irp, NULL);
		if (routine) {
			/* The routine releases the cancel lock. */
			Irp->CancelIrql = irql;
			routine(DeviceObject, Irp);
			return;
		}
	}
	IoReleaseCancelSpinLock(irql);
}
EXPORT_SYMBOL_WDM(IoStartPacket);

static void wdm_start_next(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable,
			   bool by_key, ULONG Key)
{
	struct wdm_device *d = wdm_device_of(DeviceObject);
	PKDEVICE_QUEUE_ENTRY entry;
	PIRP irp = NULL;
	KIRQL irql;

	if (Cancelable)
		IoAcquireCancelSpinLock(&irql);
	else
		irql = KeRaiseIrqlToDpcLevel();
	DeviceObject->CurrentIrp = NULL;
	entry = by_key ? KeRemoveByKeyDeviceQueue(&DeviceObject->DeviceQueue, Key) :
			 KeRemoveDeviceQueue(&DeviceObject->DeviceQueue);
	if (entry) {
		irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.DeviceQueueEntry);
		DeviceObject->CurrentIrp = irp;
	}
	wdm_startio_handoff(d, irp);
	if (Cancelable)
		IoReleaseCancelSpinLock(irql);
	else
		KeLowerIrql(irql);
}

/**
 * IoStartNextPacket() - end the current IRP's turn and start the next
 * @DeviceObject: the device
 * @Cancelable: whether the device's IRPs are cancellable (then the cancel
 *	lock is held while the queue changes)
 *
 * CurrentIrp becomes the head of the device queue, which is handed to
 * StartIo; if the queue is empty, CurrentIrp becomes NULL and the device
 * idle. IRQL <= DISPATCH_LEVEL.
 */
VOID NTAPI IoStartNextPacket(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable)
{
	wdm_start_next(DeviceObject, Cancelable, false, 0);
}
EXPORT_SYMBOL_WDM(IoStartNextPacket);

/**
 * IoStartNextPacketByKey() - start the next IRP by sort key
 * @DeviceObject: the device
 * @Cancelable: as for IoStartNextPacket()
 * @Key: the next IRP is the first queued with a key >= Key (else the
 *	head of the queue)
 */
VOID NTAPI IoStartNextPacketByKey(PDEVICE_OBJECT DeviceObject,
				  BOOLEAN Cancelable, ULONG Key)
{
	wdm_start_next(DeviceObject, Cancelable, true, Key);
}
EXPORT_SYMBOL_WDM(IoStartNextPacketByKey);

/**
 * IoSetStartIoAttributes() - how StartIo is called for a device
 * @DeviceObject: the device
 * @DeferredStartIo: StartIo is never called from inside IoStartNextPacket
 *	(always so here: a thread calls it)
 * @NonCancelable: the IRP handed to StartIo has no cancel routine (it is
 *	cleared when the IRP becomes current)
 */
VOID NTAPI IoSetStartIoAttributes(PDEVICE_OBJECT DeviceObject,
				  BOOLEAN DeferredStartIo,
				  BOOLEAN NonCancelable)
{
	struct wdm_device *d = wdm_device_of(DeviceObject);

	d->sio_deferred = DeferredStartIo;
	d->sio_noncancel = NonCancelable;
}
EXPORT_SYMBOL_WDM(IoSetStartIoAttributes);
