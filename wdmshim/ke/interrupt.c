// SPDX-License-Identifier: GPL-2.0
/*
 * ke/interrupt.c - interrupt objects (KINTERRUPT): IoConnectInterrupt(Ex),
 * IoDisconnectInterrupt(Ex), KeSynchronizeExecution and the interrupt
 * spin lock.
 *
 * A KINTERRUPT is a Linux interrupt number, requested with request_irq(),
 * and an interrupt spin lock: a spinlock_t of its own or the driver's
 * KSPIN_LOCK. The Linux handler takes that lock and calls the driver's
 * ISR in hard interrupt context, so KeGetCurrentIrql() says WDM_DIRQL
 * there; it returns IRQ_HANDLED if the ISR returned TRUE, IRQ_NONE if it
 * returned FALSE. KeSynchronizeExecution and KeAcquireInterruptSpinLock
 * take the lock with interrupts off (HIGH_LEVEL), so the ISR cannot run
 * meanwhile on any CPU. Linux calls every handler of a shared line; the
 * first TRUE does not stop the chain as it does on Windows.
 *
 * The trigger mode, polarity and processor mask a driver passes are
 * checked but not applied: the platform has configured the line already.
 * Vectors are Linux interrupt numbers, which is what the PnP manager puts
 * in a device's translated resources; the line-based and message-based
 * forms of IoConnectInterruptEx find them from the PDO's PCI device
 * (pdev->irq, or one MSI/MSI-X vector per message via pci_irq_vector()).
 *
 * Each connection is recorded with its driver: disconnecting an object
 * that is not connected (twice, or never) is reported, not a crash; the
 * connections a driver leaves are reported and disconnected when it
 * unloads (wdm_interrupts_disconnect_module()) or when the Linux device of
 * their PDO goes away (a devres action).
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/msi.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include "../io/io.h"

/* Message-based connections: at most this many messages (MSI-X's limit). */
#define WDM_MAX_MESSAGES 2048

struct _KINTERRUPT {
	unsigned int irq;
	spinlock_t *lock;		/* own_lock or the driver's KSPIN_LOCK */
	spinlock_t own_lock;
	PKSERVICE_ROUTINE isr;		/* or: */
	PKMESSAGE_SERVICE_ROUTINE msg_isr;
	ULONG message_id;
	PVOID ctx;
	KIRQL irql;
	KIRQL sync_irql;
	unsigned long flags;		/* KeAcquireInterruptSpinLock's */
};

/* One IoConnectInterrupt(Ex): one KINTERRUPT, or one per message. */
struct wdm_irq_conn {
	struct list_head node;		/* in wdm_irq_conns */
	u64 id;				/* never reused: what the devres names */
	ULONG version;			/* CONNECT_*; 0 for IoConnectInterrupt */
	bool gone;			/* its device went: disconnected */
	struct device *ldev;		/* the PDO's Linux device, referenced */
	struct module *owner;		/* the driver's module (compared only) */
	char who[MODULE_NAME_LEN];	/* its name, for reports and /proc */
	PIO_INTERRUPT_MESSAGE_INFO table; /* message-based */
	unsigned int count;
	unsigned int requested;		/* ints[] with request_irq() done */
	struct _KINTERRUPT ints[];
};

/* What a connection's devres entry holds on its PDO's Linux device. */
struct wdm_irq_devres {
	struct wdm_irq_conn *conn;	/* compared only, with id */
	u64 id;
};

static LIST_HEAD(wdm_irq_conns);
static DEFINE_MUTEX(wdm_irq_mutex);	/* the list, ids, devres */
static u64 wdm_irq_next_id;

/* The parameters of one connection, however the driver passed them. */
struct wdm_irq_req {
	unsigned long ip;		/* the driver's call */
	const char *what;		/* routine name, for reports */
	ULONG version;
	PDEVICE_OBJECT pdo;
	PKSERVICE_ROUTINE isr;
	PKMESSAGE_SERVICE_ROUTINE msg_isr;
	PVOID ctx;
	PKSPIN_LOCK lock;
	KIRQL irql;
	KIRQL sync_irql;
	bool share;
	struct pci_dev *msi_dev;	/* message-based: its vectors */
	unsigned int count;
	unsigned int irq;		/* otherwise */
};

/**
 * wdm_isr_thunk() - the Linux handler of every KINTERRUPT
 * @irq: the Linux interrupt
 * @data: the KINTERRUPT
 *
 * Return: IRQ_HANDLED if the driver's ISR returned TRUE, else IRQ_NONE.
 */
irqreturn_t wdm_isr_thunk(int irq, void *data)
{
	PKINTERRUPT intr = data;
	BOOLEAN mine;

	spin_lock(intr->lock);
	if (intr->msg_isr)
		mine = intr->msg_isr(intr, intr->ctx, intr->message_id);
	else
		mine = intr->isr(intr, intr->ctx);
	spin_unlock(intr->lock);
	return mine ? IRQ_HANDLED : IRQ_NONE;
}
EXPORT_SYMBOL_WDM(wdm_isr_thunk);

static NTSTATUS wdm_irq_status(int err)
{
	switch (err) {
	case -ENOMEM:
		return STATUS_INSUFFICIENT_RESOURCES;
	case -EBUSY:
		return STATUS_DEVICE_BUSY;
	default:
		return STATUS_INVALID_PARAMETER;
	}
}

/* Free the Linux interrupts of @c. */
static void wdm_irq_release(struct wdm_irq_conn *c)
{
	unsigned int i;

	for (i = 0; i < c->requested; i++)
		free_irq(c->ints[i].irq, &c->ints[i]);
	c->requested = 0;
}

/* Free @c, unlinked, and its interrupts; without wdm_irq_mutex. */
static void wdm_irq_free(struct wdm_irq_conn *c)
{
	wdm_irq_release(c);
	put_device(c->ldev);
	kfree(c->table);
	kfree(c);
}

static void wdm_irq_devres_release(struct device *dev, void *res)
{
	struct wdm_irq_devres *dr = res;
	struct wdm_irq_conn *c;

	mutex_lock(&wdm_irq_mutex);
	list_for_each_entry(c, &wdm_irq_conns, node) {
		if (c == dr->conn && c->id == dr->id) {
			wdm_report(c->who,
				   "interrupt %u still connected when its device %s went (disconnected)",
				   c->ints[0].irq, dev_name(dev));
			wdm_irq_release(c);
			c->gone = true;
			break;
		}
	}
	mutex_unlock(&wdm_irq_mutex);
}

static int wdm_irq_devres_match(struct device *dev, void *res, void *data)
{
	struct wdm_irq_devres *dr = res;

	return dr->conn == data;
}

static int wdm_irq_devres_any(struct device *dev, void *res, void *data)
{
	return 1;
}

/**
 * wdm_interrupts_device_gone() - a PDO's Linux device is being given back
 * (its interrupt vectors freed next): report and disconnect what its
 * drivers left connected, now rather than at the devres release
 * @dev: the Linux device
 */
void wdm_interrupts_device_gone(struct device *dev)
{
	while (!devres_release(dev, wdm_irq_devres_release, wdm_irq_devres_any, NULL))
		;
}

/* Caller holds wdm_irq_mutex: @c leaves the list and its device. */
static void wdm_irq_unlink(struct wdm_irq_conn *c)
{
	list_del(&c->node);
	/* Not found: the device is going and the release will not find @c. */
	if (c->ldev && !c->gone)
		devres_destroy(c->ldev, wdm_irq_devres_release,
			       wdm_irq_devres_match, c);
}

static void wdm_irq_init_one(struct wdm_irq_conn *c, unsigned int i,
			     const struct wdm_irq_req *r, unsigned int irq)
{
	PKINTERRUPT intr = &c->ints[i];

	intr->irq = irq;
	spin_lock_init(&intr->own_lock);
	intr->lock = r->lock ? (spinlock_t *)r->lock : &intr->own_lock;
	intr->isr = r->isr;
	intr->msg_isr = r->msg_isr;
	intr->message_id = i;
	intr->ctx = r->ctx;
	intr->irql = r->irql;
	intr->sync_irql = r->sync_irql;
}

/* The message table of a message-based connection. */
static int wdm_irq_fill_table(struct wdm_irq_conn *c)
{
	PIO_INTERRUPT_MESSAGE_INFO_ENTRY e;
	const struct cpumask *mask;
	struct msi_msg msg;
	unsigned int i;

	c->table = kzalloc(offsetof(IO_INTERRUPT_MESSAGE_INFO, MessageInfo) +
			   c->count * sizeof(*e), GFP_KERNEL);
	if (!c->table)
		return -ENOMEM;
	c->table->UnifiedIrql = WDM_DIRQL;
	c->table->MessageCount = c->count;
	for (i = 0; i < c->count; i++) {
		e = &c->table->MessageInfo[0] + i;
		get_cached_msi_msg(c->ints[i].irq, &msg);
		e->MessageAddress.QuadPart =
			((u64)msg.address_hi << 32) | msg.address_lo;
		e->MessageData = msg.data;
		mask = irq_get_affinity_mask(c->ints[i].irq);
		e->TargetProcessorSet = mask ? cpumask_bits(mask)[0] : 0;
		e->InterruptObject = &c->ints[i];
		e->Vector = c->ints[i].irq;
		e->Irql = WDM_DIRQL;
		e->Mode = Latched;
		e->Polarity = InterruptRisingEdge;
	}
	return 0;
}

/* Connect what @r describes; *@out receives the connection. */
static NTSTATUS wdm_irq_connect(const struct wdm_irq_req *r,
				struct wdm_irq_conn **out)
{
	struct wdm_pool_account *acct = wdm_pool_account_of(r->ip);
	struct device *ldev = r->pdo ? wdm_device_of(r->pdo)->ldev : NULL;
	unsigned int n = r->msi_dev ? r->count : 1, i;
	struct wdm_irq_devres *dr = NULL;
	struct wdm_irq_conn *c;
	int err, irq;

	*out = NULL;
	c = kzalloc(struct_size(c, ints, n), GFP_KERNEL);
	if (!c)
		return STATUS_INSUFFICIENT_RESOURCES;
	c->version = r->version;
	c->owner = acct->owner;
	strscpy(c->who, acct->name, sizeof(c->who));
	c->count = n;
	for (i = 0; i < n; i++) {
		irq = r->msi_dev ? pci_irq_vector(r->msi_dev, i) : r->irq;
		wdm_irq_init_one(c, i, r, irq < 0 ? 0 : irq);
	}
	if (r->msi_dev && wdm_irq_fill_table(c)) {
		kfree(c);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	if (ldev) {
		dr = devres_alloc(wdm_irq_devres_release, sizeof(*dr), GFP_KERNEL);
		if (!dr) {
			wdm_irq_free(c);
			return STATUS_INSUFFICIENT_RESOURCES;
		}
		c->ldev = get_device(ldev);
	}
	/* From here on the ISR may run, before the driver has the object. */
	for (i = 0; i < n; i++) {
		err = request_irq(c->ints[i].irq, wdm_isr_thunk,
				  r->share ? IRQF_SHARED : 0, c->who,
				  &c->ints[i]);
		if (err) {
			wdm_report(c->who, "%s: interrupt %u: request_irq failed (%d)",
				   r->what, c->ints[i].irq, err);
			devres_free(dr);
			wdm_irq_free(c);
			return wdm_irq_status(err);
		}
		c->requested++;
	}
	mutex_lock(&wdm_irq_mutex);
	c->id = ++wdm_irq_next_id;
	if (dr) {
		dr->conn = c;
		dr->id = c->id;
		devres_add(ldev, dr);
	}
	list_add_tail(&c->node, &wdm_irq_conns);
	mutex_unlock(&wdm_irq_mutex);
	*out = c;
	return STATUS_SUCCESS;
}

/* Checks common to every form; the status to fail with, or success. */
static NTSTATUS wdm_irq_check(const struct wdm_irq_req *r, const void *out,
			      BOOLEAN floating_save)
{
	const char *who = wdm_caller_name(r->ip);

	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(who, "%s at IRQL %u > PASSIVE_LEVEL", r->what,
			   KeGetCurrentIrql());
		return STATUS_INVALID_DEVICE_STATE;
	}
	if (!out || (!r->isr && !r->msg_isr)) {
		wdm_report(who, "%s without %s", r->what,
			   out ? "a service routine" : "a place for the interrupt object");
		return STATUS_INVALID_PARAMETER;
	}
	if (floating_save) {
		wdm_report(who, "%s with FloatingSave: not offered on x64", r->what);
		return STATUS_INVALID_PARAMETER;
	}
	if (r->sync_irql < r->irql) {
		wdm_report(who, "%s with SynchronizeIrql %u below Irql %u",
			   r->what, r->sync_irql, r->irql);
		return STATUS_INVALID_PARAMETER;
	}
	return STATUS_SUCCESS;
}

/**
 * IoConnectInterrupt() - connect an ISR to an interrupt vector
 * @InterruptObject: receives the interrupt object
 * @ServiceRoutine: the ISR, called in hard interrupt context with the
 *	interrupt spin lock held
 * @ServiceContext: its second argument
 * @SpinLock: NULL, or an initialised KSPIN_LOCK to use as the interrupt
 *	spin lock (several interrupts of a device may share one)
 * @Vector: the Linux interrupt number (the translated resource's
 *	u.Interrupt.Vector)
 * @Irql: the device IRQL (the translated resource's u.Interrupt.Level)
 * @SynchronizeIrql: at least @Irql
 * @InterruptMode: LevelSensitive or Latched (the line is already set up)
 * @ShareVector: whether the vector may be shared (IRQF_SHARED)
 * @ProcessorEnableMask: not 0 (not applied)
 * @FloatingSave: must be FALSE
 *
 * PASSIVE_LEVEL. The ISR may run before this routine returns.
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER,
 * STATUS_INSUFFICIENT_RESOURCES, STATUS_DEVICE_BUSY (the vector is taken
 * and not shared) or STATUS_INVALID_DEVICE_STATE (wrong IRQL).
 */
NTSTATUS NTAPI IoConnectInterrupt(PKINTERRUPT *InterruptObject,
				  PKSERVICE_ROUTINE ServiceRoutine,
				  PVOID ServiceContext, PKSPIN_LOCK SpinLock,
				  ULONG Vector, KIRQL Irql,
				  KIRQL SynchronizeIrql,
				  KINTERRUPT_MODE InterruptMode,
				  BOOLEAN ShareVector,
				  KAFFINITY ProcessorEnableMask,
				  BOOLEAN FloatingSave)
{
	struct wdm_irq_req r = {
		.ip = _RET_IP_, .what = __func__, .isr = ServiceRoutine,
		.ctx = ServiceContext, .lock = SpinLock, .irq = Vector,
		.irql = Irql, .sync_irql = SynchronizeIrql,
		.share = ShareVector,
	};
	struct wdm_irq_conn *c = NULL;
	NTSTATUS status;

	status = wdm_irq_check(&r, InterruptObject, FloatingSave);
	if (NT_SUCCESS(status) && !ProcessorEnableMask) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s with no processor enabled",
			   __func__);
		status = STATUS_INVALID_PARAMETER;
	}
	if (NT_SUCCESS(status) && InterruptMode != LevelSensitive &&
	    InterruptMode != Latched) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s with mode %d", __func__,
			   InterruptMode);
		status = STATUS_INVALID_PARAMETER;
	}
	if (NT_SUCCESS(status))
		status = wdm_irq_connect(&r, &c);
	if (InterruptObject)
		*InterruptObject = NT_SUCCESS(status) ? &c->ints[0] : NULL;
	return status;
}
EXPORT_SYMBOL_WDM(IoConnectInterrupt);

/* Whether @irq is one of @pdev's interrupts. */
static bool wdm_pci_has_irq(struct pci_dev *pdev, unsigned int irq)
{
	unsigned int i;
	int v;

	for (i = 0; i < WDM_MAX_MESSAGES; i++) {
		v = pci_irq_vector(pdev, i);
		if (v < 0)
			return false;
		if (v == irq)
			return true;
	}
	return false;
}

static struct pci_dev *wdm_pdo_pci(PDEVICE_OBJECT pdo)
{
	struct device *ldev = pdo ? wdm_device_of(pdo)->ldev : NULL;

	return ldev && dev_is_pci(ldev) ? to_pci_dev(ldev) : NULL;
}

static NTSTATUS wdm_connect_fully_specified(PIO_CONNECT_INTERRUPT_PARAMETERS p,
					    struct wdm_irq_req *r)
{
	PIO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS f = &p->FullySpecified;
	struct pci_dev *pdev = wdm_pdo_pci(f->PhysicalDeviceObject);
	struct wdm_irq_conn *c;
	NTSTATUS status;

	r->pdo = f->PhysicalDeviceObject;
	r->isr = f->ServiceRoutine;
	r->ctx = f->ServiceContext;
	r->lock = f->SpinLock;
	r->irq = f->Vector;
	r->irql = f->Irql;
	r->sync_irql = f->SynchronizeIrql;
	r->share = f->ShareVector;
	status = wdm_irq_check(r, f->InterruptObject, f->FloatingSave);
	if (!NT_SUCCESS(status))
		return status;
	if (!r->pdo)
		return STATUS_INVALID_PARAMETER;
	if (!f->ProcessorEnableMask)
		return STATUS_INVALID_PARAMETER_10;
	if (f->Group)
		return STATUS_INVALID_PARAMETER;
	if (pdev && !wdm_pci_has_irq(pdev, f->Vector)) {
		wdm_report(wdm_caller_name(r->ip),
			   "%s: vector %u is not an interrupt of %s", r->what,
			   f->Vector, pci_name(pdev));
		return STATUS_NOT_FOUND;
	}
	status = wdm_irq_connect(r, &c);
	*f->InterruptObject = NT_SUCCESS(status) ? &c->ints[0] : NULL;
	return status;
}

/* Line-based, or the fallback of a message-based request. */
static NTSTATUS wdm_connect_line(struct wdm_irq_req *r, PKINTERRUPT *out)
{
	struct pci_dev *pdev = wdm_pdo_pci(r->pdo);
	struct wdm_irq_conn *c;
	NTSTATUS status;

	if (!r->pdo)
		return STATUS_INVALID_PARAMETER;
	if (!pdev || !pdev->irq)
		return STATUS_NOT_FOUND;
	if (pci_dev_msi_enabled(pdev))
		return STATUS_INVALID_DEVICE_REQUEST;
	r->irq = pdev->irq;
	r->share = true;
	r->irql = WDM_DIRQL;
	if (r->sync_irql < r->irql)
		r->sync_irql = r->irql;
	status = wdm_irq_connect(r, &c);
	*out = NT_SUCCESS(status) ? &c->ints[0] : NULL;
	return status;
}

static NTSTATUS wdm_connect_message(PIO_CONNECT_INTERRUPT_PARAMETERS p,
				    struct wdm_irq_req *r)
{
	PIO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS m = &p->MessageBased;
	struct pci_dev *pdev = wdm_pdo_pci(m->PhysicalDeviceObject);
	struct wdm_irq_conn *c;
	NTSTATUS status;

	r->pdo = m->PhysicalDeviceObject;
	r->msg_isr = m->MessageServiceRoutine;
	r->ctx = m->ServiceContext;
	r->lock = m->SpinLock;
	r->irql = WDM_DIRQL;
	r->sync_irql = max_t(KIRQL, m->SynchronizeIrql, WDM_DIRQL);
	status = wdm_irq_check(r, m->ConnectionContext.Generic, m->FloatingSave);
	if (!NT_SUCCESS(status))
		return status;
	if (!r->pdo)
		return STATUS_INVALID_PARAMETER;
	if (pdev && pci_dev_msi_enabled(pdev)) {
		while (r->count < WDM_MAX_MESSAGES &&
		       pci_irq_vector(pdev, r->count) > 0)
			r->count++;
		r->msi_dev = pdev;
		status = wdm_irq_connect(r, &c);
		*m->ConnectionContext.InterruptMessageTable =
			NT_SUCCESS(status) ? c->table : NULL;
		return status;
	}
	if (!m->FallBackServiceRoutine)
		return STATUS_NOT_FOUND;
	/* No messages: the fallback ISR on the line, as Windows does. */
	r->msg_isr = NULL;
	r->isr = m->FallBackServiceRoutine;
	r->version = CONNECT_LINE_BASED;
	status = wdm_connect_line(r, m->ConnectionContext.InterruptObject);
	if (NT_SUCCESS(status))
		p->Version = CONNECT_LINE_BASED;
	return status;
}

/**
 * IoConnectInterruptEx() - connect an ISR to a device's interrupts
 * @Parameters: Version and the matching member:
 *
 *	CONNECT_FULLY_SPECIFIED (or _GROUP, group 0): one vector, as
 *	IoConnectInterrupt, for the PDO's device; the vector must be one of
 *	its interrupts when that is a PCI device.
 *
 *	CONNECT_LINE_BASED: the PDO's PCI INTx line, shared.
 *
 *	CONNECT_MESSAGE_BASED: every MSI or MSI-X vector the PnP manager
 *	allocated for the PDO's PCI device, one KINTERRUPT per message;
 *	ConnectionContext receives an IO_INTERRUPT_MESSAGE_INFO table. With
 *	no messages and a FallBackServiceRoutine, that routine is connected
 *	line-based, ConnectionContext receives its KINTERRUPT and Version
 *	becomes CONNECT_LINE_BASED.
 *
 * PASSIVE_LEVEL. Pass the same Version and context to
 * IoDisconnectInterruptEx().
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER(_1, _10),
 * STATUS_NOT_FOUND (the device has no such interrupt),
 * STATUS_INVALID_DEVICE_REQUEST (line-based on a device using messages),
 * STATUS_INSUFFICIENT_RESOURCES, STATUS_DEVICE_BUSY or
 * STATUS_INVALID_DEVICE_STATE.
 */
NTSTATUS NTAPI IoConnectInterruptEx(PIO_CONNECT_INTERRUPT_PARAMETERS Parameters)
{
	struct wdm_irq_req r = {
		.ip = _RET_IP_, .what = __func__,
		.version = Parameters->Version,
	};
	PIO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS l;
	NTSTATUS status;

	switch (Parameters->Version) {
	case CONNECT_FULLY_SPECIFIED:
	case CONNECT_FULLY_SPECIFIED_GROUP:
		return wdm_connect_fully_specified(Parameters, &r);
	case CONNECT_LINE_BASED:
		l = &Parameters->LineBased;
		r.pdo = l->PhysicalDeviceObject;
		r.isr = l->ServiceRoutine;
		r.ctx = l->ServiceContext;
		r.lock = l->SpinLock;
		r.sync_irql = l->SynchronizeIrql;
		status = wdm_irq_check(&r, l->InterruptObject, l->FloatingSave);
		if (!NT_SUCCESS(status))
			return status;
		return wdm_connect_line(&r, l->InterruptObject);
	case CONNECT_MESSAGE_BASED:
		return wdm_connect_message(Parameters, &r);
	default:
		wdm_report(wdm_caller_name(_RET_IP_), "%s with Version %u",
			   __func__, Parameters->Version);
		return STATUS_INVALID_PARAMETER_1;
	}
}
EXPORT_SYMBOL_WDM(IoConnectInterruptEx);

/* Find and unlink the connection whose context is @ctx; NULL if none. */
static struct wdm_irq_conn *wdm_irq_take(const void *ctx, bool table,
					 unsigned long ip, const char *what)
{
	struct wdm_irq_conn *c, *found = NULL;

	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(wdm_caller_name(ip), "%s at IRQL %u > PASSIVE_LEVEL",
			   what, KeGetCurrentIrql());
		return NULL;
	}
	mutex_lock(&wdm_irq_mutex);
	list_for_each_entry(c, &wdm_irq_conns, node) {
		if (ctx && (table ? c->table == ctx :
			    (!c->table && &c->ints[0] == ctx))) {
			found = c;
			wdm_irq_unlink(c);
			break;
		}
	}
	mutex_unlock(&wdm_irq_mutex);
	if (!found)
		wdm_report(wdm_caller_name(ip),
			   "%s of %s that is not connected (disconnected twice?)",
			   what, table ? "a message table" : "an interrupt object");
	return found;
}

/**
 * IoDisconnectInterrupt() - disconnect and free an interrupt object
 * @InterruptObject: from IoConnectInterrupt(), or from
 *	IoConnectInterruptEx() with CONNECT_FULLY_SPECIFIED or
 *	CONNECT_LINE_BASED
 *
 * On return the ISR is not running and will not be called again.
 * PASSIVE_LEVEL.
 */
VOID NTAPI IoDisconnectInterrupt(PKINTERRUPT InterruptObject)
{
	struct wdm_irq_conn *c = wdm_irq_take(InterruptObject, false, _RET_IP_,
					      __func__);

	if (c)
		wdm_irq_free(c);
}
EXPORT_SYMBOL_WDM(IoDisconnectInterrupt);

/**
 * IoDisconnectInterruptEx() - undo IoConnectInterruptEx()
 * @Parameters: the Version IoConnectInterruptEx() left, and the
 *	connection context it returned (the interrupt object, or the message
 *	table for CONNECT_MESSAGE_BASED)
 *
 * PASSIVE_LEVEL.
 */
VOID NTAPI IoDisconnectInterruptEx(PIO_DISCONNECT_INTERRUPT_PARAMETERS Parameters)
{
	struct wdm_irq_conn *c;

	switch (Parameters->Version) {
	case CONNECT_FULLY_SPECIFIED:
	case CONNECT_FULLY_SPECIFIED_GROUP:
	case CONNECT_LINE_BASED:
	case CONNECT_MESSAGE_BASED:
		break;
	default:
		wdm_report(wdm_caller_name(_RET_IP_), "%s with Version %u",
			   __func__, Parameters->Version);
		return;
	}
	c = wdm_irq_take(Parameters->ConnectionContext.Generic,
			 Parameters->Version == CONNECT_MESSAGE_BASED, _RET_IP_,
			 __func__);
	if (c)
		wdm_irq_free(c);
}
EXPORT_SYMBOL_WDM(IoDisconnectInterruptEx);

/**
 * KeSynchronizeExecution() - run a routine exclusive of an ISR
 * @Interrupt: the interrupt object
 * @SynchronizeRoutine: called with the interrupt spin lock held and
 *	interrupts off (KeGetCurrentIrql() says HIGH_LEVEL)
 * @SynchronizeContext: its argument
 *
 * Not from the ISR of @Interrupt itself, which holds the lock already.
 *
 * Return: what @SynchronizeRoutine returned.
 */
BOOLEAN NTAPI KeSynchronizeExecution(PKINTERRUPT Interrupt,
				     PKSYNCHRONIZE_ROUTINE SynchronizeRoutine,
				     PVOID SynchronizeContext)
{
	struct wdm_seh_frame barrier;
	unsigned long flags;
	BOOLEAN ret;

	spin_lock_irqsave(Interrupt->lock, flags);
	wdm_seh_barrier_push(&barrier);
	ret = SynchronizeRoutine(SynchronizeContext);
	wdm_seh_barrier_pop(&barrier);
	spin_unlock_irqrestore(Interrupt->lock, flags);
	return ret;
}
EXPORT_SYMBOL_WDM(KeSynchronizeExecution);

/**
 * KeAcquireInterruptSpinLock() - take the interrupt spin lock
 * @Interrupt: the interrupt object
 *
 * Interrupts are off until KeReleaseInterruptSpinLock().
 *
 * Return: the previous IRQL, for KeReleaseInterruptSpinLock().
 */
KIRQL NTAPI KeAcquireInterruptSpinLock(PKINTERRUPT Interrupt)
	__acquires(Interrupt)
{
	KIRQL old = KeGetCurrentIrql();
	unsigned long flags;

	spin_lock_irqsave(Interrupt->lock, flags);
	Interrupt->flags = flags;
	return old;
}
EXPORT_SYMBOL_WDM(KeAcquireInterruptSpinLock);

/**
 * KeReleaseInterruptSpinLock() - release the interrupt spin lock
 * @Interrupt: the interrupt object
 * @OldIrql: what KeAcquireInterruptSpinLock() returned
 */
VOID NTAPI KeReleaseInterruptSpinLock(PKINTERRUPT Interrupt, KIRQL OldIrql)
	__releases(Interrupt)
{
	spin_unlock_irqrestore(Interrupt->lock, Interrupt->flags);
}
EXPORT_SYMBOL_WDM(KeReleaseInterruptSpinLock);

static int wdm_interrupts_disconnect(struct module *mod, bool all)
{
	struct wdm_irq_conn *c, *tmp;
	LIST_HEAD(left);
	int n = 0;

	mutex_lock(&wdm_irq_mutex);
	list_for_each_entry_safe(c, tmp, &wdm_irq_conns, node) {
		if (all || (mod && c->owner == mod)) {
			wdm_irq_unlink(c);
			list_add_tail(&c->node, &left);
		}
	}
	mutex_unlock(&wdm_irq_mutex);
	list_for_each_entry_safe(c, tmp, &left, node) {
		if (!c->gone)
			wdm_report(c->who,
				   "interrupt %u still connected at unload (IoDisconnectInterrupt missing)",
				   c->ints[0].irq);
		wdm_irq_free(c);
		n++;
	}
	return n;
}

/**
 * wdm_interrupts_disconnect_module() - report and disconnect the
 * interrupts a driver left connected when it unloads
 * @mod: the driver's module
 *
 * Return: the number of connections undone.
 */
int wdm_interrupts_disconnect_module(struct module *mod)
{
	return wdm_interrupts_disconnect(mod, false);
}
EXPORT_SYMBOL_WDM(wdm_interrupts_disconnect_module);

/* wdm_interrupts_exit() - at wdmshim's unload: nothing may stay connected */
void wdm_interrupts_exit(void)
{
	wdm_interrupts_disconnect(NULL, true);
}
