// SPDX-License-Identifier: GPL-2.0
/*++

Module Name:

    wdktest.c

Abstract:

    A WDM driver written the way the WDK's samples are: SAL-annotated
    routines, code placed with #pragma alloc_text, devices created with
    IoCreateDeviceSecure, strings built with ntstrsafe, and a
    METHOD_NEITHER handler that probes and locks the caller's buffers
    inside try/except. It compiles against wdmshim's WDK headers only
    (mingw-w64's lack SEH, SAL and most of ntstrsafe).

    The interface is in wdktest_ioctl.h; tools/wdmtest.c ("wdmtest wdk")
    drives it with good and bad buffers.

Environment:

    Kernel mode, hosted by wdmshim.

--*/

#include <ntddk.h>
#include <wdmsec.h>
#include <ntstrsafe.h>
#include <initguid.h>
#include <dontuse.h>
#include "wdktest_ioctl.h"

//
// The class GUID the devices are created with (IoCreateDeviceSecure).
//
DEFINE_GUID(GUID_DEVCLASS_WDKTEST, 0x8f2b6c1e, 0x3d4a, 0x4e5f,
	    0x9a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f, 0x60, 0x71);

typedef struct _WDKTEST_EXTENSION {
	UNICODE_STRING NtName;
	UNICODE_STRING DosName;
	WCHAR NtNameBuffer[64];
	WCHAR DosNameBuffer[64];
	LONG Requests;
	LONG Exceptions;
	LONG LastException;
	LONG Finally;
	LONG AbnormalFinally;
	LONG OuterExceptions;
} WDKTEST_EXTENSION, *PWDKTEST_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WdkTestUnload;
_Dispatch_type_(IRP_MJ_CREATE)
_Dispatch_type_(IRP_MJ_CLOSE)
DRIVER_DISPATCH WdkTestCreateClose;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL)
DRIVER_DISPATCH WdkTestDeviceControl;

static NTSTATUS WdkTestCreate(_In_ PDRIVER_OBJECT DriverObject,
			      _In_ PCWSTR Name,
			      _In_ PCUNICODE_STRING Sddl);
static NTSTATUS WdkTestSum(_In_ PWDKTEST_EXTENSION Extension,
			   _In_ PIO_STACK_LOCATION Stack, _Inout_ PIRP Irp,
			   _In_ BOOLEAN Probe);
static VOID WdkTestRaiseDeep(_In_ NTSTATUS Code, _In_ ULONG Depth);

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(INIT, WdkTestCreate)
#pragma alloc_text(PAGE, WdkTestUnload)
#pragma alloc_text(PAGE, WdkTestCreateClose)
#pragma alloc_text(PAGE, WdkTestDeviceControl)
#pragma alloc_text(PAGE, WdkTestSum)
#endif

/*++

Routine Description:

    Creates one device, \Device\<Name>, with the access Sddl grants, and
    its symbolic link \DosDevices\<Name>.

--*/
_Use_decl_annotations_
static NTSTATUS WdkTestCreate(PDRIVER_OBJECT DriverObject, PCWSTR Name,
			      PCUNICODE_STRING Sddl)
{
	PWDKTEST_EXTENSION ext;
	PDEVICE_OBJECT dev;
	UNICODE_STRING ntName;
	WCHAR buffer[64];
	NTSTATUS status;

	PAGED_CODE();

	status = RtlStringCchPrintfW(buffer, ARRAYSIZE(buffer),
				     L"\\Device\\%ws", Name);
	if (!NT_SUCCESS(status))
		return status;
	status = RtlUnicodeStringInit(&ntName, buffer);
	if (!NT_SUCCESS(status))
		return status;

	status = IoCreateDeviceSecure(DriverObject, sizeof(WDKTEST_EXTENSION),
				      &ntName, FILE_DEVICE_UNKNOWN,
				      FILE_DEVICE_SECURE_OPEN, FALSE, Sddl,
				      &GUID_DEVCLASS_WDKTEST, &dev);
	if (!NT_SUCCESS(status)) {
		KdPrint(("WdkTest: IoCreateDeviceSecure(%wZ) failed 0x%08lX\n",
			 &ntName, status));
		return status;
	}

	ext = dev->DeviceExtension;
	RtlZeroMemory(ext, sizeof(*ext));
	ext->NtName.Buffer = ext->NtNameBuffer;
	ext->NtName.MaximumLength = sizeof(ext->NtNameBuffer);
	ext->DosName.Buffer = ext->DosNameBuffer;
	ext->DosName.MaximumLength = sizeof(ext->DosNameBuffer);
	status = RtlUnicodeStringCopy(&ext->NtName, &ntName);
	if (NT_SUCCESS(status))
		status = RtlUnicodeStringCopyString(&ext->DosName,
						    L"\\DosDevices\\");
	if (NT_SUCCESS(status))
		status = RtlUnicodeStringCatString(&ext->DosName, Name);
	if (NT_SUCCESS(status))
		status = IoCreateSymbolicLink(&ext->DosName, &ext->NtName);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(dev);
		return status;
	}

	dev->Flags |= DO_BUFFERED_IO;
	dev->Flags &= ~DO_DEVICE_INITIALIZING;
	KdPrint(("WdkTest: %wZ -> %wZ\n", &ext->DosName, &ext->NtName));
	return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	NTSTATUS status;

	UNREFERENCED_PARAMETER(RegistryPath);

	DriverObject->MajorFunction[IRP_MJ_CREATE] = WdkTestCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = WdkTestCreateClose;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = WdkTestDeviceControl;
	DriverObject->DriverUnload = WdkTestUnload;

	status = WdkTestCreate(DriverObject, L"WdkTest",
			       &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R);
	if (NT_SUCCESS(status))
		status = WdkTestCreate(DriverObject, L"WdkTestAdmin",
				       &SDDL_DEVOBJ_SYS_ALL_ADM_ALL);
	if (NT_SUCCESS(status))
		status = WdkTestCreate(DriverObject, L"WdkTestKernel",
				       &SDDL_DEVOBJ_KERNEL_ONLY);
	if (!NT_SUCCESS(status))
		WdkTestUnload(DriverObject);
	return status;
}

_Use_decl_annotations_
VOID WdkTestUnload(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT dev, next;
	PWDKTEST_EXTENSION ext;

	PAGED_CODE();

	for (dev = DriverObject->DeviceObject; dev != NULL; dev = next) {
		next = dev->NextDevice;
		ext = dev->DeviceExtension;
		IoDeleteSymbolicLink(&ext->DosName);
		IoDeleteDevice(dev);
	}
}

_Use_decl_annotations_
NTSTATUS WdkTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	PAGED_CODE();

	Irp->IoStatus.Status = STATUS_SUCCESS;
	Irp->IoStatus.Information = 0;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

static VOID WdkTestUnlock(_In_opt_ PMDL Mdl)
{
	if (Mdl == NULL)
		return;
	if (Mdl->MdlFlags & MDL_PAGES_LOCKED)
		MmUnlockPages(Mdl);
	IoFreeMdl(Mdl);
}

/*++

Routine Description:

    IOCTL_WDKTEST_SUM: METHOD_NEITHER. The buffers are the caller's
    virtual addresses: they are probed, described by MDLs, locked and
    mapped inside try/except, and released by a finally block however
    the try body ends.

--*/
_Use_decl_annotations_
static NTSTATUS WdkTestSum(PWDKTEST_EXTENSION Extension,
			   PIO_STACK_LOCATION Stack, PIRP Irp, BOOLEAN Probe)
{
	PVOID inBuf = Stack->Parameters.DeviceIoControl.Type3InputBuffer;
	PVOID outBuf = Irp->UserBuffer;
	ULONG inLen = Stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG outLen = Stack->Parameters.DeviceIoControl.OutputBufferLength;
	WDKTEST_SUM_INPUT *input;
	PMDL inMdl = NULL, outMdl = NULL;
	NTSTATUS status = STATUS_SUCCESS;
	PCHAR output;
	size_t remaining = 0;
	ULONG i, sum;

	PAGED_CODE();

	Irp->IoStatus.Information = 0;
	try {
		try {
			if (Probe && Irp->RequestorMode != KernelMode) {
				ProbeForRead(inBuf, inLen, sizeof(ULONG));
				ProbeForWrite(outBuf, outLen, sizeof(UCHAR));
			}
			if (inLen < FIELD_OFFSET(WDKTEST_SUM_INPUT, Values) ||
			    outLen == 0)
				ExRaiseStatus(STATUS_BUFFER_TOO_SMALL);

			inMdl = IoAllocateMdl(inBuf, inLen, FALSE, TRUE, NULL);
			outMdl = IoAllocateMdl(outBuf, outLen, FALSE, TRUE, NULL);
			if (inMdl == NULL || outMdl == NULL)
				ExRaiseStatus(STATUS_INSUFFICIENT_RESOURCES);
			MmProbeAndLockPages(inMdl, Irp->RequestorMode,
					    IoReadAccess);
			MmProbeAndLockPages(outMdl, Irp->RequestorMode,
					    IoWriteAccess);
			input = MmGetSystemAddressForMdlSafe(inMdl,
							     NormalPagePriority |
							     MdlMappingNoExecute);
			output = MmGetSystemAddressForMdlSafe(outMdl,
							      NormalPagePriority |
							      MdlMappingNoExecute);
			if (input == NULL || output == NULL)
				ExRaiseStatus(STATUS_INSUFFICIENT_RESOURCES);

			if (input->Magic != WDKTEST_MAGIC)
				ExRaiseStatus(STATUS_INVALID_PARAMETER);
			if (input->Count > (inLen - FIELD_OFFSET(WDKTEST_SUM_INPUT,
								 Values)) /
					   sizeof(ULONG))
				ExRaiseStatus(STATUS_INVALID_BUFFER_SIZE);
			for (sum = 0, i = 0; i < input->Count; i++)
				sum += input->Values[i];

			status = RtlStringCbPrintfExA(output, outLen, NULL,
						      &remaining, 0,
						      "sum=%lu count=%lu", sum,
						      input->Count);
			if (status == STATUS_SUCCESS ||
			    status == STATUS_BUFFER_OVERFLOW)
				Irp->IoStatus.Information = outLen - remaining;
		} finally {
			WdkTestUnlock(outMdl);
			WdkTestUnlock(inMdl);
			InterlockedIncrement(&Extension->Finally);
			if (AbnormalTermination())
				InterlockedIncrement(&Extension->AbnormalFinally);
		}
	} except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
		InterlockedIncrement(&Extension->Exceptions);
		InterlockedExchange(&Extension->LastException, status);
		Irp->IoStatus.Information = 0;
		KdPrint(("WdkTest: exception 0x%08lX in METHOD_NEITHER\n",
			 status));
	}
	return status;
}

static VOID WdkTestRaiseDeep(NTSTATUS Code, ULONG Depth)
{
	volatile UCHAR frame[32];

	frame[0] = (UCHAR)Depth;
	if (Depth > 0)
		WdkTestRaiseDeep(Code, Depth - 1);
	else
		ExRaiseStatus(Code);
	frame[1] = frame[0];
}

static LONG WdkTestInnerFilter(_In_ NTSTATUS Code)
{
	return NT_ERROR(Code) ? EXCEPTION_EXECUTE_HANDLER :
				EXCEPTION_CONTINUE_SEARCH;
}

/*++

Routine Description:

    IOCTL_WDKTEST_RAISE: a raise from deep calls inside two nested try
    blocks. It is handled inside the switch of the dispatch routine, the
    way the WDK's samples leave a case from an except block with break.

--*/
static NTSTATUS WdkTestRaise(_In_ PWDKTEST_EXTENSION Extension,
			     _In_ const WDKTEST_RAISE_INPUT *In)
{
	NTSTATUS status = STATUS_SUCCESS;

	try {
		try {
			try {
				WdkTestRaiseDeep(In->Code, min(In->Depth, 32U));
			} finally {
				InterlockedIncrement(&Extension->Finally);
				if (AbnormalTermination())
					InterlockedIncrement(&Extension->AbnormalFinally);
			}
		} except (WdkTestInnerFilter(GetExceptionCode())) {
			status = GetExceptionCode();
			InterlockedIncrement(&Extension->Exceptions);
			InterlockedExchange(&Extension->LastException, status);
		}
	} except (EXCEPTION_EXECUTE_HANDLER) {
		InterlockedIncrement(&Extension->OuterExceptions);
		InterlockedExchange(&Extension->LastException,
				    GetExceptionCode());
		status = STATUS_UNSUCCESSFUL;
	}
	return status;
}

_Use_decl_annotations_
NTSTATUS WdkTestDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PWDKTEST_EXTENSION ext = DeviceObject->DeviceExtension;
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG inLen = stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG outLen = stack->Parameters.DeviceIoControl.OutputBufferLength;
	PVOID sysBuf = Irp->AssociatedIrp.SystemBuffer;
	NTSTATUS status = STATUS_SUCCESS;
	DECLARE_UNICODE_STRING_SIZE(text, 128);
	WDKTEST_STATS *stats;
	size_t remaining;

	PAGED_CODE();

	InterlockedIncrement(&ext->Requests);
	Irp->IoStatus.Information = 0;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_WDKTEST_SUM:
		status = WdkTestSum(ext, stack, Irp, TRUE);
		break;

	case IOCTL_WDKTEST_SUM_LOCK_ONLY:
		status = WdkTestSum(ext, stack, Irp, FALSE);
		break;

	case IOCTL_WDKTEST_RAISE:
		try {
			if (inLen < sizeof(WDKTEST_RAISE_INPUT))
				ExRaiseStatus(STATUS_BUFFER_TOO_SMALL);
		} except (EXCEPTION_EXECUTE_HANDLER) {
			status = GetExceptionCode();
			break;
		}
		status = WdkTestRaise(ext, sysBuf);
		break;

	case IOCTL_WDKTEST_UNHANDLED:
		if (outLen < sizeof(ULONG)) {
			status = STATUS_BUFFER_TOO_SMALL;
			break;
		}
		// No handler: wdmshim reports the raise and the call returns.
		ExRaiseStatus(STATUS_INVALID_PARAMETER_1);
		*(PULONG)sysBuf = 1;
		Irp->IoStatus.Information = sizeof(ULONG);
		break;

	case IOCTL_WDKTEST_STATS:
		if (outLen < sizeof(WDKTEST_STATS)) {
			status = STATUS_BUFFER_TOO_SMALL;
			break;
		}
		stats = sysBuf;
		stats->Requests = ext->Requests;
		stats->Exceptions = ext->Exceptions;
		stats->LastException = ext->LastException;
		stats->Finally = ext->Finally;
		stats->AbnormalFinally = ext->AbnormalFinally;
		stats->OuterExceptions = ext->OuterExceptions;
		Irp->IoStatus.Information = sizeof(WDKTEST_STATS);
		break;

	case IOCTL_WDKTEST_DESCRIBE:
		status = RtlUnicodeStringPrintf(&text,
						L"WdkTest %wZ: %ld requests, %ld exceptions",
						&ext->NtName, ext->Requests,
						ext->Exceptions);
		if (!NT_SUCCESS(status))
			break;
		remaining = 0;
		status = RtlStringCbCopyUnicodeStringEx(sysBuf, outLen, &text,
							NULL, &remaining, 0);
		if (status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW)
			Irp->IoStatus.Information = outLen - remaining +
						    sizeof(WCHAR);
		break;

	default:
		status = STATUS_INVALID_DEVICE_REQUEST;
		break;
	}

	Irp->IoStatus.Status = status;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return status;
}
