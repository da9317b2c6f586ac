"""Agencies (代运营, RULES 1.3): the store owner grants and revokes an agency's rights."""

from ninja import Router, Schema
from pydantic import Field

from . import services
from .models import AgencyRight

router = Router(tags=["agencies"])


class RightsIn(Schema):
    rights: list[AgencyRight] = Field(description="Exactly the rights to hold; [] revokes all.")


class AgencyOut(Schema):
    agency: str
    rights: list[str]


class StoreAgenciesOut(Schema):
    store_id: int
    store: str
    agencies: list[AgencyOut]


@router.put("/stores/{store_id}/agencies/{username}", response=AgencyOut,
            summary="Grant an agency exactly these rights for my store (owner, RULES 1.3)")
def put_agency(request, store_id: int, username: str, body: RightsIn):
    agency, rights = services.set_agency_rights(request.auth, store_id, username,
                                                [r.value for r in body.rights])
    return {"agency": agency.username, "rights": rights}


@router.delete("/stores/{store_id}/agencies/{username}", response=AgencyOut,
               summary="Revoke every right of an agency for my store (owner, RULES 1.3)")
def delete_agency(request, store_id: int, username: str):
    agency, rights = services.set_agency_rights(request.auth, store_id, username, [])
    return {"agency": agency.username, "rights": rights}


@router.get("/stores/{store_id}/agencies", response=StoreAgenciesOut)
def list_agencies(request, store_id: int):
    store, agencies = services.agencies_of(request.auth, store_id)
    return {"store_id": store.pk, "store": store.name,
            "agencies": [{"agency": a, "rights": r} for a, r in agencies.items()]}
