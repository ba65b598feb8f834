// SPDX-License-Identifier: GPL-2.0
/*
 * pnp/interface.c - device interfaces: IoRegisterDeviceInterface and
 * IoSetDeviceInterfaceState.
 *
 * A registered interface has Windows' symbolic link name,
 *	\??\<device ID with '\' as '#'>#<instance ID>&<PDO number>#{<class GUID>}[\<ref>]
 * (the PDO number tells apart the devnodes a device had: an old one,
 * surprise-removed with files still open, and the new one after a
 * re-probe)
 * and, while enabled, a char device node with a stable name of its own:
 *	/dev/wdm/<class GUID, lower case, no braces>/<Linux device name>[-<ref>]
 * e.g. /dev/wdm/9f1c0e3a-.../0000:00:04.0 for a PCI device. Opening it
 * opens the top of the device's stack. The node goes when the interface
 * is disabled or the device is removed.
 */
#include <linux/slab.h>
#include "pnp.h"

#define WDM_TAG_IFACE 0x66496457	/* 'WdIf' */
#define WDM_PDO_PREFIX 14		/* the WCHARs of \Device\WdmPnp */

struct wdm_iface {
	struct list_head node;		/* in wdm_ifaces */
	struct wdm_devnode *devnode;
	UNICODE_STRING link;		/* \??\... (kmalloc'd) */
	char node_name[128];		/* wdm/<guid>/<device>[-ref] */
	void *chrdev;			/* while enabled */
};

static LIST_HEAD(wdm_ifaces);		/* under wdm_io_mutex */

static size_t wdm_guid_text(const GUID *g, char *out, size_t size)
{
	return scnprintf(out, size,
			 "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
			 g->Data1, g->Data2, g->Data3, g->Data4[0], g->Data4[1],
			 g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5],
			 g->Data4[6], g->Data4[7]);
}

/* ASCII of a WCHAR string, '?' for the rest; @map_backslash: '\' as '#'. */
static size_t wdm_ascii(char *out, size_t size, const WCHAR *s, size_t len,
			bool map_backslash)
{
	size_t i, n = 0;

	for (i = 0; s && i < len && s[i] && n + 1 < size; i++) {
		WCHAR c = s[i];

		out[n++] = c == '\\' && map_backslash ? '#' :
			   (c > ' ' && c < 0x7f && c != '/') ? c : '?';
	}
	out[n] = 0;
	return n;
}

static struct wdm_iface *wdm_iface_find(PCUNICODE_STRING link)
{
	struct wdm_iface *i;

	list_for_each_entry(i, &wdm_ifaces, node)
		if (RtlEqualUnicodeString(&i->link, link, TRUE))
			return i;
	return NULL;
}

/* A pool copy of @link for the driver (RtlFreeUnicodeString frees it). */
static NTSTATUS wdm_iface_copy_link(const struct wdm_iface *i,
				    PUNICODE_STRING out)
{
	out->Buffer = ExAllocatePoolWithTag(PagedPool, i->link.Length + sizeof(WCHAR),
					    WDM_TAG_IFACE);
	if (!out->Buffer)
		return STATUS_INSUFFICIENT_RESOURCES;
	memcpy(out->Buffer, i->link.Buffer, i->link.Length);
	out->Buffer[i->link.Length / sizeof(WCHAR)] = 0;
	out->Length = i->link.Length;
	out->MaximumLength = i->link.Length + sizeof(WCHAR);
	return STATUS_SUCCESS;
}

/**
 * IoRegisterDeviceInterface() - register an interface class for a device
 * @PhysicalDeviceObject: the device's PDO
 * @InterfaceClassGuid: the interface class
 * @ReferenceString: NULL, or a string telling instances of one class apart
 * @SymbolicLinkName: receives the interface's name (free it with
 *	RtlFreeUnicodeString); registering it again returns the same name
 *
 * The interface starts disabled. PASSIVE_LEVEL.
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_DEVICE_REQUEST (not a PDO) or
 * STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS NTAPI IoRegisterDeviceInterface(PDEVICE_OBJECT PhysicalDeviceObject,
					 CONST GUID *InterfaceClassGuid,
					 PUNICODE_STRING ReferenceString,
					 PUNICODE_STRING SymbolicLinkName)
{
	struct wdm_devnode *n;
	struct wdm_iface *i, *old;
	char link[256], guid[40], ref[64] = "", dev[96], num[12];
	PCUNICODE_STRING pdo_name;
	size_t len, k;
	NTSTATUS status;

	might_sleep();
	if (PhysicalDeviceObject->Type != IO_TYPE_DEVICE ||
	    wdm_device_of(PhysicalDeviceObject)->drv != wdm_pnp_bus) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s on a device that is not a PDO",
			   __func__);
		return STATUS_INVALID_DEVICE_REQUEST;
	}
	n = wdm_devnode_of_pdo(PhysicalDeviceObject);
	if (!n)
		return STATUS_NO_SUCH_DEVICE;
	i = kzalloc(sizeof(*i), GFP_KERNEL);
	if (!i)
		return STATUS_INSUFFICIENT_RESOURCES;
	wdm_guid_text(InterfaceClassGuid, guid, sizeof(guid));
	if (ReferenceString && ReferenceString->Length)
		wdm_ascii(ref, sizeof(ref), ReferenceString->Buffer,
			  ReferenceString->Length / sizeof(WCHAR), false);
	wdm_ascii(dev, sizeof(dev), n->device_id, 95, true);
	len = scnprintf(link, sizeof(link), "\\??\\%s#", dev);
	wdm_ascii(dev, sizeof(dev), n->instance_id, 95, true);
	/* the PDO's number: what follows \Device\WdmPnp in its name */
	pdo_name = &wdm_device_of(PhysicalDeviceObject)->name;
	wdm_ascii(num, sizeof(num), pdo_name->Buffer + WDM_PDO_PREFIX,
		  pdo_name->Length / sizeof(WCHAR) - WDM_PDO_PREFIX, false);
	len += scnprintf(link + len, sizeof(link) - len, "%s&%s#{%s}%s%s", dev, num,
			 guid, ref[0] ? "\\" : "", ref);
	scnprintf(i->node_name, sizeof(i->node_name), "wdm/%s/%s%s%s", guid, n->name,
		  ref[0] ? "-" : "", ref);
	i->link.Buffer = kcalloc(len + 1, sizeof(WCHAR), GFP_KERNEL);
	if (!i->link.Buffer) {
		kfree(i);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	for (k = 0; k < len; k++)
		i->link.Buffer[k] = link[k];
	i->link.Length = len * sizeof(WCHAR);
	i->link.MaximumLength = (len + 1) * sizeof(WCHAR);
	i->devnode = n;

	mutex_lock(&wdm_io_mutex);
	old = wdm_iface_find(&i->link);
	if (old) {
		kfree(i->link.Buffer);
		kfree(i);
		i = old;
	} else {
		list_add_tail(&i->node, &wdm_ifaces);
	}
	status = wdm_iface_copy_link(i, SymbolicLinkName);
	mutex_unlock(&wdm_io_mutex);
	return status;
}
EXPORT_SYMBOL_WDM(IoRegisterDeviceInterface);

/**
 * IoSetDeviceInterfaceState() - enable or disable a registered interface:
 * its /dev/wdm/<guid>/<device> node appears or goes
 * @SymbolicLinkName: the name IoRegisterDeviceInterface() returned
 * @Enable: TRUE to enable
 *
 * PASSIVE_LEVEL.
 *
 * Return: STATUS_SUCCESS, STATUS_OBJECT_NAME_NOT_FOUND, or (enabling or
 * disabling again) STATUS_OBJECT_NAME_EXISTS as a success status.
 */
NTSTATUS NTAPI IoSetDeviceInterfaceState(PUNICODE_STRING SymbolicLinkName,
					 BOOLEAN Enable)
{
	struct wdm_iface *i;
	NTSTATUS status = STATUS_SUCCESS;
	int err;

	might_sleep();
	mutex_lock(&wdm_io_mutex);
	i = wdm_iface_find(SymbolicLinkName);
	if (!i) {
		status = STATUS_OBJECT_NAME_NOT_FOUND;
	} else if (Enable && !i->chrdev) {
		UNICODE_STRING target = wdm_device_of(i->devnode->pdo)->name;

		err = wdm_chrdev_add(i->node_name, &target, -1, &i->chrdev);
		if (err)
			status = wdm_errno_to_ntstatus(err);
	} else if (!Enable && i->chrdev) {
		wdm_chrdev_remove(i->chrdev);
		i->chrdev = NULL;
	} else {
		status = STATUS_OBJECT_NAME_EXISTS;
	}
	mutex_unlock(&wdm_io_mutex);
	return status;
}
EXPORT_SYMBOL_WDM(IoSetDeviceInterfaceState);

/*
 * wdm_interfaces_remove() - the device is going: its interfaces and their
 * nodes go at once (no more opens; the names are free for a new devnode)
 */
void wdm_interfaces_remove(struct wdm_devnode *n)
{
	struct wdm_iface *i, *tmp;

	mutex_lock(&wdm_io_mutex);
	list_for_each_entry_safe(i, tmp, &wdm_ifaces, node) {
		if (i->devnode != n)
			continue;
		if (i->chrdev)
			wdm_chrdev_remove(i->chrdev);
		list_del(&i->node);
		kfree(i->link.Buffer);
		kfree(i);
	}
	mutex_unlock(&wdm_io_mutex);
}
