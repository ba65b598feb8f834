// SPDX-License-Identifier: GPL-2.0
/*
 * pnp/property.c - IoGetDeviceProperty: what the PnP manager knows of a
 * device, from its devnode.
 */
#include "pnp.h"
#include <wdmguid.h>

/**
 * IoGetDeviceProperty() - a property of a PnP device
 * @DeviceObject: the device's PDO
 * @DeviceProperty: which: DevicePropertyDeviceDescription, HardwareID,
 *	CompatibleIDs, LocationInformation, PhysicalDeviceObjectName,
 *	BusTypeGuid, LegacyBusType, BusNumber, EnumeratorName, Address or
 *	UINumber
 * @BufferLength: bytes at @PropertyBuffer
 * @PropertyBuffer: receives the property (a WCHAR string or multi-sz, a
 *	GUID, or a ULONG / INTERFACE_TYPE)
 * @ResultLength: receives the property's size, also when the buffer is
 *	too small
 *
 * PASSIVE_LEVEL.
 *
 * Return: STATUS_SUCCESS, STATUS_BUFFER_TOO_SMALL,
 * STATUS_INVALID_DEVICE_REQUEST (not a PDO) or STATUS_INVALID_PARAMETER_2
 * (a property this host does not keep).
 */
NTSTATUS NTAPI IoGetDeviceProperty(PDEVICE_OBJECT DeviceObject,
				   DEVICE_REGISTRY_PROPERTY DeviceProperty,
				   ULONG BufferLength, PVOID PropertyBuffer,
				   PULONG ResultLength)
{
	struct wdm_devnode *n;
	const void *src = NULL;
	WCHAR enumerator[8];
	ULONG value, len = 0;
	const char *e;
	int i;

	might_sleep();
	*ResultLength = 0;
	n = DeviceObject->Type == IO_TYPE_DEVICE &&
	    wdm_device_of(DeviceObject)->drv == wdm_pnp_bus ?
	    wdm_devnode_of_pdo(DeviceObject) : NULL;
	if (!n) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s on a device that is not a PDO",
			   __func__);
		return STATUS_INVALID_DEVICE_REQUEST;
	}
	switch (DeviceProperty) {
	case DevicePropertyDeviceDescription:
		src = n->description;
		len = wdm_devnode_string_bytes(src, false);
		break;
	case DevicePropertyHardwareID:
		src = n->hardware_ids;
		len = wdm_devnode_string_bytes(src, true);
		break;
	case DevicePropertyCompatibleIDs:
		src = n->compatible_ids;
		len = wdm_devnode_string_bytes(src, true);
		break;
	case DevicePropertyLocationInformation:
		src = n->location;
		len = wdm_devnode_string_bytes(src, false);
		break;
	case DevicePropertyPhysicalDeviceObjectName:
		/* \Device\WdmPnpNNNN, with its NUL */
		src = wdm_device_of(DeviceObject)->name.Buffer;
		len = wdm_device_of(DeviceObject)->name.Length + sizeof(WCHAR);
		break;
	case DevicePropertyBusTypeGuid:
		if (n->bus_type != PCIBus)
			return STATUS_INVALID_PARAMETER_2;
		src = &GUID_BUS_TYPE_PCI;
		len = sizeof(GUID);
		break;
	case DevicePropertyLegacyBusType:
		value = n->bus_type;
		src = &value;
		len = sizeof(value);
		break;
	case DevicePropertyBusNumber:
		value = n->bus_number;
		src = &value;
		len = sizeof(value);
		break;
	case DevicePropertyEnumeratorName:
		e = n->bus_type == PCIBus ? "PCI" : "ROOT";
		for (i = 0; e[i]; i++)
			enumerator[i] = e[i];
		enumerator[i] = 0;
		src = enumerator;
		len = (i + 1) * sizeof(WCHAR);
		break;
	case DevicePropertyAddress:
		value = n->address;
		src = &value;
		len = sizeof(value);
		break;
	case DevicePropertyUINumber:
		value = n->address >> 16;
		src = &value;
		len = sizeof(value);
		break;
	default:
		return STATUS_INVALID_PARAMETER_2;
	}
	*ResultLength = len;
	if (BufferLength < len)
		return STATUS_BUFFER_TOO_SMALL;
	if (DeviceProperty == DevicePropertyPhysicalDeviceObjectName) {
		memcpy(PropertyBuffer, src, len - sizeof(WCHAR));
		((PWCHAR)PropertyBuffer)[len / sizeof(WCHAR) - 1] = 0;
	} else {
		memcpy(PropertyBuffer, src, len);
	}
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(IoGetDeviceProperty);
