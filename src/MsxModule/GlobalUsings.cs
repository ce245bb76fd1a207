// Namespaces every layer uses. System.Management.Automation stays a using of each file that needs it, so
// that the PowerShell-free Client layer shows at a glance that it does not use it.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Threading;
global using System.Threading.Tasks;
global using MsxPowerShell.Client;
global using MsxPowerShell.Client.Models;
global using MsxPowerShell.Client.Resources;
