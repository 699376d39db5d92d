#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    unused_attributes,
    unused_qualifications,
    deprecated,
    clippy::absolute_paths
)]
const _: () = {
    #[automatically_derived]
    impl my::agora::__private::Endpoint for DeleteRule {
        type Response = Deleted;
        const NAME: &'static str = "DeleteRule";
        const METHOD: my::agora::__private::Method = my::agora::__private::Method::DELETE;
        const PATH: &'static str = "/dev/v1/kicking-rule";
        const AUTH: &'static [my::agora::__private::AuthScheme] = &[
            my::agora::__private::AuthScheme::BASIC,
        ];
        const IDEMPOTENT: bool = true;
        fn validate(
            &self,
        ) -> ::core::result::Result<(), my::agora::__private::InvalidInput> {
            #[allow(unused_imports)]
            use my::agora::__private::{ByValidate as _, NothingToValidate as _};
            (&my::agora::__private::Field(&self.rule))
                .validate_field(&my::agora::__private::FieldPath::root("rule"))?;
            ::core::result::Result::Ok(())
        }
        fn write_path(
            &self,
            path: &mut my::agora::__private::PathWriter<'_>,
        ) -> ::core::result::Result<(), my::agora::__private::InvalidInput> {
            path.literal("/dev/v1/kicking-rule");
            ::core::result::Result::Ok(())
        }
        fn write_body(
            &self,
            body: &mut my::agora::__private::Vec<u8>,
        ) -> ::core::result::Result<bool, my::agora::__private::serde_json::Error> {
            my::agora::__private::serde_json::to_writer(body, &self.rule)?;
            ::core::result::Result::Ok(true)
        }
        fn decode(
            __request: &my::agora::__private::WireRequest<'_>,
        ) -> ::core::result::Result<Self, my::agora::__private::InvalidInput> {
            let __read = my::agora::__private::decode::RequestReader::new(__request);
            __read.method("DELETE")?;
            let mut __path = __read.path("/dev/v1/kicking-rule");
            __path.literal("/dev/v1/kicking-rule")?;
            __path.end()?;
            let value = DeleteRule {
                rule: __read.whole_body()?,
            };
            my::agora::__private::Endpoint::validate(&value)?;
            ::core::result::Result::Ok(value)
        }
    }
    my::agora::__private::inventory::submit! {
        my::agora::__private::EndpointInfo::new("DeleteRule", ::core::module_path!(),
        ::core::stringify!(DELETE), "/dev/v1/kicking-rule", &
        [my::agora::__private::AuthScheme::BASIC], true, false,
        ::core::option::Option::None, & [], & [], my::agora::__private::check_response::
        < DeleteRule >, my::agora::__private::check_request:: < DeleteRule >,
        my::agora::__private::reencode:: < DeleteRule >, my::agora::__private::send:: <
        DeleteRule >, & [my::agora::__private::FieldInfo::new("rule", "rule",
        my::agora::__private::FieldLocation::WholeBody, true, "RuleId", "",)], {
        #[allow(unused_imports)] use my::agora::__private::NotPaginated as _;
        my::agora::__private::PagesProbe:: < DeleteRule > ::PAGES },)
    }
};
/**The builder of a [`DeleteRule`] request; start with [`DeleteRule::builder`].

Every required field has a setter that must be called before `build()` exists; optional fields may be left out.*/
#[must_use = "a builder does nothing until `build()` is called"]
pub struct DeleteRuleBuilder<__AgoraState0 = my::agora::__private::Unset> {
    rule: __AgoraState0,
}
#[automatically_derived]
#[allow(deprecated, clippy::absolute_paths)]
impl DeleteRule {
    /**Starts building a [`DeleteRule`] request.

The required fields are checked at compile time: `build()` is only available once each of them is set.*/
    pub fn builder() -> DeleteRuleBuilder {
        DeleteRuleBuilder {
            rule: my::agora::__private::Unset,
        }
    }
}
#[automatically_derived]
#[allow(deprecated, clippy::absolute_paths, clippy::type_complexity)]
impl<__AgoraState0> DeleteRuleBuilder<__AgoraState0> {
    pub fn rule(
        self,
        value: impl ::core::convert::Into<RuleId>,
    ) -> DeleteRuleBuilder<my::agora::__private::Set<RuleId>> {
        DeleteRuleBuilder {
            rule: my::agora::__private::Set(::core::convert::Into::into(value)),
        }
    }
    ///Finishes the [`DeleteRule`] request.
    pub fn build(self) -> DeleteRule
    where
        __AgoraState0: my::agora::__private::Required<RuleId>,
    {
        DeleteRule {
            rule: my::agora::__private::Required::take(self.rule),
        }
    }
}
