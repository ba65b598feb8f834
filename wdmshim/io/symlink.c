// SPDX-License-Identifier: GPL-2.0
/*
 * io/symlink.c - symbolic links in the DOS device namespace (\DosDevices\X,
 * \??\X, \GLOBAL??\X). Each becomes the char device node /dev/X, opened
 * as the device the link names, with the mode IoCreateDeviceSecure() gave
 * that device when the link is created (else 0600).
 */
#include <linux/slab.h>
#include "io.h"

struct wdm_symlink {
	struct list_head node;
	char name[64];			/* X: the node name */
	struct wdm_driver *drv;		/* creator, or NULL */
	void *chrdev;
};

static LIST_HEAD(wdm_symlinks);

static const char *const wdm_dos_prefixes[] = {
	"\\DosDevices\\", "\\??\\", "\\GLOBAL??\\",
};

/*
 * The node name of a link: the part after a DOS device prefix, printable
 * ASCII without slashes. NULL if the link is not in that namespace.
 */
static bool wdm_link_node_name(PCUNICODE_STRING link, char *out, size_t size)
{
	size_t n = link->Length / sizeof(WCHAR), i, p, lp;

	for (p = 0; p < ARRAY_SIZE(wdm_dos_prefixes); p++) {
		const char *prefix = wdm_dos_prefixes[p];

		lp = strlen(prefix);
		if (n <= lp)
			continue;
		for (i = 0; i < lp; i++)
			if (RtlUpcaseUnicodeChar(link->Buffer[i]) !=
			    RtlUpcaseUnicodeChar(prefix[i]))
				break;
		if (i < lp)
			continue;
		if (n - lp >= size)
			return false;
		for (i = lp; i < n; i++) {
			WCHAR c = link->Buffer[i];

			if (c <= ' ' || c > '~' || c == '/' || c == '\\')
				return false;
			out[i - lp] = c;
		}
		out[n - lp] = '\0';
		return strcmp(out, ".") && strcmp(out, "..");
	}
	return false;
}

/* Caller holds wdm_io_mutex. */
static struct wdm_symlink *wdm_symlink_find(const char *name)
{
	struct wdm_symlink *s;

	list_for_each_entry(s, &wdm_symlinks, node)
		if (!strcasecmp(s->name, name))
			return s;
	return NULL;
}

static struct wdm_driver *wdm_driver_at(unsigned long ip)
{
	return wdm_pool_account_of(ip)->driver;
}

/**
 * IoCreateSymbolicLink() - create a DOS device name for a device; it
 * appears as /dev/X
 * @SymbolicLinkName: \DosDevices\X, \??\X or \GLOBAL??\X
 * @DeviceName: \Device\Y
 *
 * Return: STATUS_SUCCESS, STATUS_OBJECT_NAME_INVALID,
 * STATUS_OBJECT_NAME_COLLISION or STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS NTAPI IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName,
				    PUNICODE_STRING DeviceName)
{
	struct wdm_symlink *s;
	int err, mode;

	might_sleep();
	mode = wdm_device_node_mode(DeviceName);
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (!wdm_link_node_name(SymbolicLinkName, s->name, sizeof(s->name)) ||
	    !DeviceName->Length) {
		kfree(s);
		return STATUS_OBJECT_NAME_INVALID;
	}
	s->drv = wdm_driver_at(_RET_IP_);
	mutex_lock(&wdm_io_mutex);
	if (wdm_symlink_find(s->name)) {
		mutex_unlock(&wdm_io_mutex);
		kfree(s);
		return STATUS_OBJECT_NAME_COLLISION;
	}
	err = wdm_chrdev_add(s->name, DeviceName, mode, &s->chrdev);
	if (err) {
		mutex_unlock(&wdm_io_mutex);
		kfree(s);
		return wdm_errno_to_ntstatus(err);
	}
	list_add_tail(&s->node, &wdm_symlinks);
	mutex_unlock(&wdm_io_mutex);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(IoCreateSymbolicLink);

static void wdm_symlink_free(struct wdm_symlink *s)
{
	list_del(&s->node);
	wdm_chrdev_remove(s->chrdev);
	kfree(s);
}

/**
 * IoDeleteSymbolicLink() - remove a DOS device name and its /dev node
 * @SymbolicLinkName: the link
 *
 * Return: STATUS_SUCCESS or STATUS_OBJECT_NAME_NOT_FOUND.
 */
NTSTATUS NTAPI IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName)
{
	struct wdm_symlink *s = NULL;
	char name[64];

	might_sleep();
	mutex_lock(&wdm_io_mutex);
	if (wdm_link_node_name(SymbolicLinkName, name, sizeof(name)))
		s = wdm_symlink_find(name);
	if (s)
		wdm_symlink_free(s);
	mutex_unlock(&wdm_io_mutex);
	return s ? STATUS_SUCCESS : STATUS_OBJECT_NAME_NOT_FOUND;
}
EXPORT_SYMBOL_WDM(IoDeleteSymbolicLink);

/* Remove, and report, the links a driver left at unload. */
void wdm_symlinks_remove_driver(struct wdm_driver *drv)
{
	struct wdm_symlink *s, *tmp;

	mutex_lock(&wdm_io_mutex);
	list_for_each_entry_safe(s, tmp, &wdm_symlinks, node) {
		if (s->drv != drv)
			continue;
		wdm_report(drv->name, "symbolic link \\DosDevices\\%s left behind at unload",
			   s->name);
		wdm_symlink_free(s);
	}
	mutex_unlock(&wdm_io_mutex);
}
