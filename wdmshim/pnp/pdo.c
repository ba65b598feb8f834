// SPDX-License-Identifier: GPL-2.0
/*
 * pnp/pdo.c - \Driver\WdmPnp, wdmshim's bus driver: it owns every PDO and
 * answers the PnP and power IRPs that reach the bottom of a stack, as a
 * PCI bus driver does: IDs, capabilities, resources and requirements,
 * device text, BUS_INTERFACE_STANDARD (config space, DMA adapter),
 * config reads and writes, the target-device relation. The state-changing
 * requests (start, stop, remove...) succeed: the PCI glue enabled the
 * device before the stack was built and disables it after it is gone.
 *
 * What a bus driver does not handle, it completes with the status it
 * found (STATUS_NOT_SUPPORTED from the PnP manager), as the WDK says.
 */
#include <linux/slab.h>
#include "pnp.h"
#include <initguid.h>
#include <wdmguid.h>

#define WDM_TAG_PNP 0x506d6457	/* 'WdmP' */

/* A copy of a multi-sz (or, @multi false, one string) in paged pool. */
static PWCHAR wdm_pdo_string(const WCHAR *s, bool multi)
{
	size_t bytes = wdm_devnode_string_bytes(s, multi);
	PWCHAR copy;

	if (!s)
		return NULL;
	copy = ExAllocatePoolWithTag(PagedPool, bytes, WDM_TAG_PNP);
	if (copy)
		memcpy(copy, s, bytes);
	return copy;
}

static NTSTATUS wdm_pdo_query_id(struct wdm_devnode *n, BUS_QUERY_ID_TYPE type,
				 unsigned long *info)
{
	PWCHAR id;

	switch (type) {
	case BusQueryDeviceID:
		id = wdm_pdo_string(n->device_id, false);
		break;
	case BusQueryHardwareIDs:
		id = wdm_pdo_string(n->hardware_ids, true);
		break;
	case BusQueryCompatibleIDs:
		id = wdm_pdo_string(n->compatible_ids, true);
		break;
	case BusQueryInstanceID:
		id = wdm_pdo_string(n->instance_id, false);
		break;
	default:
		return STATUS_NOT_SUPPORTED;
	}
	if (!id)
		return STATUS_INSUFFICIENT_RESOURCES;
	*info = (ULONG_PTR)id;
	return STATUS_SUCCESS;
}

static NTSTATUS wdm_pdo_capabilities(struct wdm_devnode *n,
				     PDEVICE_CAPABILITIES caps)
{
	int i;

	if (!caps || caps->Version != 1 || caps->Size < sizeof(*caps))
		return STATUS_UNSUCCESSFUL;
	caps->DeviceD1 = FALSE;
	caps->DeviceD2 = FALSE;
	caps->LockSupported = FALSE;
	caps->EjectSupported = FALSE;
	caps->Removable = n->bus_type == PCIBus;
	caps->DockDevice = FALSE;
	caps->UniqueID = TRUE;
	caps->SilentInstall = FALSE;
	caps->RawDeviceOK = FALSE;
	caps->SurpriseRemovalOK = FALSE;
	caps->Address = n->address;
	caps->UINumber = n->address >> 16;
	for (i = 0; i < PowerSystemMaximum; i++)
		caps->DeviceState[i] = PowerDeviceD3;
	caps->DeviceState[PowerSystemWorking] = PowerDeviceD0;
	caps->SystemWake = PowerSystemUnspecified;
	caps->DeviceWake = PowerDeviceUnspecified;
	return STATUS_SUCCESS;
}

static NTSTATUS wdm_pdo_resources(struct wdm_devnode *n, unsigned long *info)
{
	PCM_RESOURCE_LIST list;

	if (!n->raw->List[0].PartialResourceList.Count)
		return STATUS_SUCCESS;	/* none: Information stays NULL */
	list = ExAllocatePoolWithTag(PagedPool, n->resources_size, WDM_TAG_PNP);
	if (!list)
		return STATUS_INSUFFICIENT_RESOURCES;
	memcpy(list, n->raw, n->resources_size);
	*info = (ULONG_PTR)list;
	return STATUS_SUCCESS;
}

/* The assigned resources as fixed requirements (one alternative). */
static NTSTATUS wdm_pdo_requirements(struct wdm_devnode *n, unsigned long *info)
{
	PCM_PARTIAL_RESOURCE_LIST raw = &n->raw->List[0].PartialResourceList;
	PIO_RESOURCE_REQUIREMENTS_LIST req;
	PIO_RESOURCE_DESCRIPTOR io;
	ULONG i, count = max_t(ULONG, raw->Count, 1), size;

	size = sizeof(*req) + (count - 1) * sizeof(IO_RESOURCE_DESCRIPTOR);
	req = ExAllocatePoolZero(PagedPool, size, WDM_TAG_PNP);
	if (!req)
		return STATUS_INSUFFICIENT_RESOURCES;
	req->ListSize = size;
	req->InterfaceType = n->bus_type;
	req->BusNumber = n->bus_number;
	req->SlotNumber = n->address >> 16;
	req->AlternativeLists = 1;
	req->List[0].Version = 1;
	req->List[0].Revision = 1;
	req->List[0].Count = raw->Count;
	for (i = 0; i < raw->Count; i++) {
		PCM_PARTIAL_RESOURCE_DESCRIPTOR d = &raw->PartialDescriptors[i];

		io = &req->List[0].Descriptors[i];
		io->Option = 0;
		io->Type = d->Type;
		io->ShareDisposition = d->ShareDisposition;
		io->Flags = d->Flags;
		switch (d->Type) {
		case CmResourceTypeMemory:
		case CmResourceTypePort:
			io->u.Generic.Length = d->u.Generic.Length;
			io->u.Generic.Alignment = 1;
			io->u.Generic.MinimumAddress = d->u.Generic.Start;
			io->u.Generic.MaximumAddress.QuadPart =
				d->u.Generic.Start.QuadPart + d->u.Generic.Length - 1;
			break;
		case CmResourceTypeInterrupt:
			io->u.Interrupt.MinimumVector = d->u.Interrupt.Vector;
			io->u.Interrupt.MaximumVector = d->u.Interrupt.Vector;
			break;
		default:
			io->u.DevicePrivate.Data[0] = d->u.DevicePrivate.Data[0];
			io->u.DevicePrivate.Data[1] = d->u.DevicePrivate.Data[1];
			io->u.DevicePrivate.Data[2] = d->u.DevicePrivate.Data[2];
			break;
		}
	}
	*info = (ULONG_PTR)req;
	return STATUS_SUCCESS;
}

static NTSTATUS wdm_pdo_text(struct wdm_devnode *n, DEVICE_TEXT_TYPE type,
			     unsigned long *info)
{
	PWCHAR text;

	if (type == DeviceTextDescription)
		text = wdm_pdo_string(n->description, false);
	else if (type == DeviceTextLocationInformation)
		text = wdm_pdo_string(n->location, false);
	else
		return STATUS_NOT_SUPPORTED;
	if (!text)
		return STATUS_INSUFFICIENT_RESOURCES;
	*info = (ULONG_PTR)text;
	return STATUS_SUCCESS;
}

/* --- BUS_INTERFACE_STANDARD ----------------------------------------------- */

static VOID NTAPI wdm_bus_reference(PVOID ctx)
{
	ObReferenceObject(ctx);
}

static VOID NTAPI wdm_bus_dereference(PVOID ctx)
{
	ObDereferenceObject(ctx);
}

/* Bus and CPU addresses are the same here (x86, no IOMMU remapping MMIO). */
static BOOLEAN NTAPI wdm_bus_translate(PVOID ctx, PHYSICAL_ADDRESS bus,
				       ULONG length, PULONG space,
				       PPHYSICAL_ADDRESS translated)
{
	*translated = bus;
	return TRUE;
}

static struct _DMA_ADAPTER *NTAPI wdm_bus_dma_adapter(PVOID ctx,
						      struct _DEVICE_DESCRIPTION *desc,
						      PULONG map_registers)
{
	return IoGetDmaAdapter(ctx, desc, map_registers);
}

static ULONG wdm_bus_config(PVOID ctx, bool write, ULONG type, PVOID buffer,
			    ULONG offset, ULONG length)
{
	struct wdm_devnode *n;
	unsigned long flags;
	ULONG done = 0;

	if (type != PCI_WHICHSPACE_CONFIG)
		return 0;
	/* Any IRQL, and from a driver inside a PnP IRP: not wdm_pnp_mutex. */
	spin_lock_irqsave(&wdm_pnp_bus_lock, flags);
	n = wdm_devnode_of_pdo(ctx);
	if (n && n->ops && n->bus)
		done = n->ops->config(n, write, buffer, offset, length);
	spin_unlock_irqrestore(&wdm_pnp_bus_lock, flags);
	return done;
}

static ULONG NTAPI wdm_bus_get_data(PVOID ctx, ULONG type, PVOID buffer,
				    ULONG offset, ULONG length)
{
	return wdm_bus_config(ctx, false, type, buffer, offset, length);
}

static ULONG NTAPI wdm_bus_set_data(PVOID ctx, ULONG type, PVOID buffer,
				    ULONG offset, ULONG length)
{
	return wdm_bus_config(ctx, true, type, buffer, offset, length);
}

static NTSTATUS wdm_pdo_interface(PDEVICE_OBJECT pdo, PIO_STACK_LOCATION stack,
				  NTSTATUS status)
{
	PBUS_INTERFACE_STANDARD bus;

	if (!stack->Parameters.QueryInterface.InterfaceType ||
	    !IsEqualGUID(stack->Parameters.QueryInterface.InterfaceType,
			 &GUID_BUS_INTERFACE_STANDARD))
		return status;
	if (stack->Parameters.QueryInterface.Size < sizeof(*bus) ||
	    !stack->Parameters.QueryInterface.Interface)
		return STATUS_INVALID_PARAMETER;
	bus = (PBUS_INTERFACE_STANDARD)stack->Parameters.QueryInterface.Interface;
	bus->Size = sizeof(*bus);
	bus->Version = 1;
	bus->Context = pdo;
	bus->InterfaceReference = wdm_bus_reference;
	bus->InterfaceDereference = wdm_bus_dereference;
	bus->TranslateBusAddress = wdm_bus_translate;
	bus->GetDmaAdapter = wdm_bus_dma_adapter;
	bus->SetBusData = wdm_bus_set_data;
	bus->GetBusData = wdm_bus_get_data;
	/* The caller holds a reference until it calls InterfaceDereference. */
	wdm_bus_reference(pdo);
	return STATUS_SUCCESS;
}

static NTSTATUS wdm_pdo_relations(PDEVICE_OBJECT pdo, DEVICE_RELATION_TYPE type,
				  NTSTATUS status, unsigned long *info)
{
	PDEVICE_RELATIONS rel;

	if (type != TargetDeviceRelation)
		return status;
	rel = ExAllocatePoolWithTag(PagedPool, sizeof(*rel), WDM_TAG_PNP);
	if (!rel)
		return STATUS_INSUFFICIENT_RESOURCES;
	rel->Count = 1;
	rel->Objects[0] = pdo;
	ObReferenceObject(pdo);
	*info = (ULONG_PTR)rel;
	return STATUS_SUCCESS;
}

static NTSTATUS NTAPI wdm_pdo_pnp(PDEVICE_OBJECT pdo, PIRP irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(irp);
	struct wdm_devnode *n = wdm_devnode_of_pdo(pdo);
	NTSTATUS status = irp->IoStatus.Status;
	ULONG_PTR info = irp->IoStatus.Information;
	ULONG done;

	if (!n) {
		status = STATUS_NO_SUCH_DEVICE;
		goto out;
	}
	switch (stack->MinorFunction) {
	case IRP_MN_START_DEVICE:
	case IRP_MN_QUERY_STOP_DEVICE:
	case IRP_MN_CANCEL_STOP_DEVICE:
	case IRP_MN_STOP_DEVICE:
	case IRP_MN_QUERY_REMOVE_DEVICE:
	case IRP_MN_CANCEL_REMOVE_DEVICE:
	case IRP_MN_SURPRISE_REMOVAL:
	case IRP_MN_REMOVE_DEVICE:
		status = STATUS_SUCCESS;
		break;
	case IRP_MN_QUERY_ID:
		status = wdm_pdo_query_id(n, stack->Parameters.QueryId.IdType, &info);
		if (status == STATUS_NOT_SUPPORTED)
			status = irp->IoStatus.Status;
		break;
	case IRP_MN_QUERY_CAPABILITIES:
		status = wdm_pdo_capabilities(n, stack->Parameters.DeviceCapabilities.Capabilities);
		break;
	case IRP_MN_QUERY_RESOURCES:
		status = wdm_pdo_resources(n, &info);
		break;
	case IRP_MN_QUERY_RESOURCE_REQUIREMENTS:
		status = wdm_pdo_requirements(n, &info);
		break;
	case IRP_MN_QUERY_DEVICE_TEXT:
		status = wdm_pdo_text(n, stack->Parameters.QueryDeviceText.DeviceTextType,
				      &info);
		if (status == STATUS_NOT_SUPPORTED)
			status = irp->IoStatus.Status;
		break;
	case IRP_MN_QUERY_INTERFACE:
		status = wdm_pdo_interface(pdo, stack, status);
		break;
	case IRP_MN_QUERY_DEVICE_RELATIONS:
		status = wdm_pdo_relations(pdo, stack->Parameters.QueryDeviceRelations.Type,
					   status, &info);
		break;
	case IRP_MN_QUERY_PNP_DEVICE_STATE:
		status = STATUS_SUCCESS;
		break;
	case IRP_MN_READ_CONFIG:
	case IRP_MN_WRITE_CONFIG:
		done = wdm_bus_config(pdo, stack->MinorFunction == IRP_MN_WRITE_CONFIG,
				      stack->Parameters.ReadWriteConfig.WhichSpace,
				      stack->Parameters.ReadWriteConfig.Buffer,
				      stack->Parameters.ReadWriteConfig.Offset,
				      stack->Parameters.ReadWriteConfig.Length);
		info = done;
		status = done == stack->Parameters.ReadWriteConfig.Length ?
			 STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
		break;
	default:
		break;
	}
out:
	irp->IoStatus.Status = status;
	irp->IoStatus.Information = info;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return status;
}

/* Power: the bus accepts every state; other requests keep their status. */
static NTSTATUS NTAPI wdm_pdo_power(PDEVICE_OBJECT pdo, PIRP irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(irp);
	NTSTATUS status = irp->IoStatus.Status;

	PoStartNextPowerIrp(irp);
	if (stack->MinorFunction == IRP_MN_SET_POWER ||
	    stack->MinorFunction == IRP_MN_QUERY_POWER)
		status = STATUS_SUCCESS;
	irp->IoStatus.Status = status;
	IoCompleteRequest(irp, IO_NO_INCREMENT);
	return status;
}

/* The bus driver's own "DriverEntry". */
void wdm_pdo_driver_init(PDRIVER_OBJECT drv)
{
	drv->MajorFunction[IRP_MJ_PNP] = wdm_pdo_pnp;
	drv->MajorFunction[IRP_MJ_POWER] = wdm_pdo_power;
}
