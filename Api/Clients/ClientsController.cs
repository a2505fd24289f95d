using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Clients;
using TokenVersioning.Api.OpenApi;

using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Clients;

[ApiController]
[Authorize(Roles = Role.Admin)]
[Route("api/admin/clients")]
[Tags("Clients")]
[ProblemResponse(StatusCodes.Status401Unauthorized), ProblemResponse(StatusCodes.Status403Forbidden), ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class ClientsController(ApiClientService clients) : ControllerBase
{
    [NoStore]
    [HttpPost]
    [EndpointSummary("Create an API client")]
    [EndpointDescription("Creates credentials for another service (introspection, revocation, the event stream). The secret is in this answer only; the service keeps its hash.")]
    [ProducesResponseType<CreatedApiClient>(StatusCodes.Status201Created), ProblemResponse(400)]
    public async Task<IActionResult> Create(CreateClientRequest request, IValidator<CreateClientRequest> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        var created = await clients.CreateAsync(request.Name!, User.UserId(), ct);
        return Created($"/api/admin/clients/{created.Id}", created);
    }

    [HttpGet]
    [EndpointSummary("List API clients")]
    [EndpointDescription("Every API client with its name and creation time; no secrets.")]
    [ProducesResponseType<ApiClientList>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken ct) => Ok(await clients.ListAsync(ct));

    [HttpDelete("{id:guid}")]
    [EndpointSummary("Delete an API client")]
    [EndpointDescription("Its credentials stop working at once and its open event streams end. Revokes no user's tokens.")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(404, "client_not_found")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        await clients.DeleteAsync(id, User.UserId(), ct);
        return NoContent();
    }
}
